import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { closeKafka } from '../../../test/support/kafka.js';
import { startEnrollmentService, type Actor, type Lesson } from './in-process.js';

let enr: Awaited<ReturnType<typeof startEnrollmentService>>;

// The relay is off: nothing reaches the shared topics.
beforeAll(async () => {
  enr = await startEnrollmentService({ OUTBOX_RELAY_ENABLED: false });
}, 60_000);
afterAll(async () => {
  await enr?.service.stop();
  await closeKafka();
});

const person = (role = 'student'): Actor => ({ userId: randomUUID(), role });

const assignmentGraded = (fields: { studentId: string; courseId: string; lessonId: string; revision: number; score: number }) =>
  enr.event(
    'assignment.graded',
    'assignment.AssignmentGraded',
    {
      submissionId: randomUUID(),
      assignmentId: randomUUID(),
      lessonId: fields.lessonId,
      courseId: fields.courseId,
      studentId: fields.studentId,
      score: fields.score,
      maxScore: 20,
      percent: fields.score * 5,
      passed: fields.score >= 10,
      latePenaltyPercent: 0,
      revision: fields.revision,
    },
    fields.studentId,
  );

describe('the gradebook in the service', () => {
  it('keeps the highest revision of an assignment grade, whatever order the grades arrive in', async () => {
    const courseId = randomUUID();
    const instructor = person('instructor');
    const assignment: Lesson = { lessonId: randomUUID(), kind: 'assignment', required: true, quizId: null };
    await enr.publishCourse(courseId, instructor.userId);
    await enr.structure(courseId, 1, [assignment]);
    const student = person();
    await enr.enroll(student, courseId);
    const grade = { studentId: student.userId, courseId, lessonId: assignment.lessonId };
    await assignmentGraded({ ...grade, revision: 3, score: 18 });
    await assignmentGraded({ ...grade, revision: 1, score: 4 });
    await assignmentGraded({ ...grade, revision: 2, score: 6 });
    const answer = await enr.call(`/internal/enrollments/${enrollmentIdOf(student.userId, courseId)}/grades`, student);
    expect(answer.status).toBe(200);
    expect(answer.body.data.row.grades[assignment.lessonId]).toMatchObject({ revision: 3, score: 18, percent: 90, passed: true });
    expect(answer.body.data.row.courseScorePercent).toBe(90);
  });

  it('writes a CSV of every student past one batch, each once, in the order of the pages', async () => {
    const courseId = randomUUID();
    const instructor = person('instructor');
    const quiz: Lesson = { lessonId: randomUUID(), kind: 'quiz', required: true, quizId: randomUUID() };
    await enr.publishCourse(courseId, instructor.userId);
    await enr.structure(courseId, 1, [{ lessonId: randomUUID(), kind: 'theory', required: true, quizId: null }, quiz]);
    // More students than one batch of the CSV (500), written straight into the table: enrolling each by command would take minutes.
    const start = Date.now();
    const rows = Array.from({ length: 1203 }, (_, index) => {
      const studentId = randomUUID();
      // Several students share an enrollment time: the order breaks ties by id.
      return {
        id: enrollmentIdOf(studentId, courseId),
        student_id: studentId,
        course_id: courseId,
        status: index % 7 === 0 ? 'dropped' : 'active',
        enrolled_at: new Date(start + Math.floor(index / 3)),
        version: 1,
      };
    });
    await enr.db.batchInsert('enrollments', rows, 500);
    const listed = rows.filter((row) => row.status !== 'dropped');
    await enr.quizGraded({
      studentId: listed[0]!.student_id,
      courseId,
      quizId: quiz.quizId!,
      lessonId: quiz.lessonId,
      attemptNumber: 1,
      gradePercent: 64.5,
      passed: true,
    });

    const answer = await enr.fetch(`/internal/courses/${courseId}/gradebook/csv`, instructor);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="gradebook-${courseId}.csv"`);
    const records = (await answer.text()).split('\r\n');
    expect(records.pop()).toBe('');
    expect(records.shift()).toBe('enrollment_id,student_id,status,progress_percent,course_score_percent,2. L (quiz)');
    expect(records).toHaveLength(listed.length);
    const ids = records.map((record) => record.split(',')[0]);
    expect(new Set(ids).size).toBe(listed.length);

    const pages = [];
    for (let page = 1; page <= Math.ceil(listed.length / 100); page += 1) {
      const json = await enr.call(`/internal/courses/${courseId}/gradebook?page=${page}&per_page=100`, instructor);
      pages.push(...json.body.data.rows.map((row: { enrollmentId: string }) => row.enrollmentId));
    }
    expect(ids).toEqual(pages);
    expect(records.find((record) => record.startsWith(listed[0]!.id))).toBe(`${listed[0]!.id},${listed[0]!.student_id},active,50,64.5,64.5`);

    expect((await enr.fetch(`/internal/courses/${courseId}/gradebook/csv`, person('instructor'))).status).toBe(403);
  }, 60_000);
});
