import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex, { type Knex } from 'knex';
import { enrollmentIdOf, type TopicRecords } from '@smartcourse/contracts';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { caughtUp, closeKafka, publishEvent } from '../support/kafka.js';
import { mailTo } from '../support/mail.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { sc } from '../support/sc.js';
import { openStream, type SseStream } from '../support/sse.js';

/**
 * The gradebook through the gateway, fed with the grade events as the course service publishes
 * them: a course, its structure with a quiz and an assignment lesson, and the grades are produced
 * straight to their topics; enrollments are made through the gateway.
 */

type Person = { id: string; email: string; token: string };
type Event<T extends keyof TopicRecords> = Omit<TopicRecords[T], 'eventId' | 'occurredAt'>;

let enrollmentDb: Knex;
let instructor: Person;
let otherInstructor: Person;
let admin: { id: string; token: string };
let students: Person[];
let dropped: Person;
const streams: SseStream[] = [];

const courseId = randomUUID();
const courseTitle = `Gradebook ${courseId.slice(0, 8)}`;
const theoryLesson = randomUUID();
const quizLesson = randomUUID();
const quizId = randomUUID();
const assignmentLesson = randomUUID();
const assignmentId = randomUUID();
const quizTitle = 'Check, part "one"';
const assignmentTitle = '=Essay';

const publish = <T extends keyof TopicRecords>(topic: T, key: string, fields: Event<T>) =>
  publishEvent(topic, key, { eventId: randomUUID(), occurredAt: Date.now(), ...fields } as TopicRecords[T] & { eventId: string });

const quizGraded = (student: Person, attemptNumber: number, percent: number) =>
  publish('quiz.attempt_graded', student.id, {
    attemptId: randomUUID(),
    quizId,
    lessonId: quizLesson,
    courseId,
    studentId: student.id,
    attemptNumber,
    score: percent,
    maxScore: 100,
    percent,
    passed: percent >= 50,
    quizGradePercent: percent,
    quizPassed: percent >= 50,
  });

const assignmentGraded = (student: Person, revision: number, score: number, latePenaltyPercent = 0) =>
  publish('assignment.graded', student.id, {
    submissionId: randomUUID(),
    assignmentId,
    lessonId: assignmentLesson,
    courseId,
    studentId: student.id,
    score,
    maxScore: 10,
    percent: score * 10,
    passed: score >= 6,
    latePenaltyPercent,
    revision,
  });

const gradebook = (token: string, query = '') => api('GET', `/api/courses/${courseId}/gradebook${query}`, { token });
const csv = (token: string) =>
  fetch(`${env.gatewayUrl}/api/courses/${courseId}/gradebook`, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
const rowOf = (rows: { studentId: string }[], student: Person) => rows.find((row) => row.studentId === student.id) as any;
const inbox = async (token: string) =>
  (await api('GET', '/api/notifications?per_page=100', { token })).body.data as { kind: string; title: string; body: string }[];

async function stream(person: Person): Promise<SseStream> {
  const opened = await openStream({ token: person.token });
  expect(opened.status).toBe(200);
  streams.push(opened);
  await opened.waitFor((received) => received.some((item) => item.kind === 'event' && item.event === 'unread'));
  return opened;
}

usePlatform();
beforeAll(async () => {
  enrollmentDb = knex({ client: 'pg', connection: env.enrollmentDatabaseUrl, pool: { min: 0, max: 2 } });
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'GradebookTeacher');
  otherInstructor = await newInstructor(admin, 'OtherTeacher');
  students = [await newUser('GradedA'), await newUser('GradedB'), await newUser('GradedC')];
  dropped = await newUser('GradedDropped');

  await publish('course.published', courseId, {
    courseId,
    instructorId: instructor.id,
    slug: `gradebook-${courseId}`,
    title: courseTitle,
    summary: 'Graded.',
    category: null,
    tags: [],
    level: 'beginner',
    language: 'en',
    priceCents: 0,
    currency: 'EUR',
    structureVersion: 1,
  });
  const lesson = (lessonId: string, title: string, kind: string, quiz: string | null = null) => ({
    lessonId,
    title,
    kind,
    required: true,
    durationMinutes: 5,
    isPreview: false,
    quizId: quiz,
  });
  await publish('course.structure_changed', courseId, {
    courseId,
    structureVersion: 1,
    modules: [
      {
        moduleId: randomUUID(),
        title: 'Only',
        lessons: [
          lesson(theoryLesson, 'Read first', 'theory'),
          lesson(quizLesson, quizTitle, 'quiz', quizId),
          lesson(assignmentLesson, assignmentTitle, 'assignment'),
        ],
      },
    ],
  });
  const columns = await eventually(
    () => gradebook(instructor.token),
    (answer) => answer.status === 200 && answer.body.data.columns.length === 2,
    30_000,
  );
  expect(columns.status).toBe(200);
  for (const student of [...students, dropped]) {
    const enrolled = await api('POST', '/api/enrollments', { token: student.token, body: { courseId } });
    expect(enrolled.status).toBe(201);
  }
  const drop = await api('DELETE', `/api/enrollments/${enrollmentIdOf(dropped.id, courseId)}`, { token: dropped.token });
  expect(drop.status).toBe(200);

  const [a, b] = students as [Person, Person, Person];
  await quizGraded(a, 1, 30);
  await quizGraded(a, 2, 80);
  await quizGraded(b, 1, 40);
  await assignmentGraded(a, 2, 9);
  // A lower revision arriving after a higher one changes nothing.
  await assignmentGraded(a, 1, 5, 10);
  await quizGraded(dropped, 1, 100);
  expect(await eventually(() => caughtUp('enrollment-progress', ['quiz.attempt_graded', 'assignment.graded']), Boolean, 30_000)).toBe(true);
}, 240_000);
afterAll(async () => {
  streams.forEach((opened) => opened.close());
  await enrollmentDb?.destroy();
  await closeKafka();
});

describe('the gradebook', () => {
  it('lists the columns once and one row per student with their grades, course score and progress; a dropped student has no row', async () => {
    const [a, b, c] = students as [Person, Person, Person];
    const answer = await gradebook(instructor.token);
    expect(answer.status).toBe(200);
    const { data, meta } = answer.body;
    expect(data).toMatchObject({ courseId, courseTitle });
    expect(data.columns).toEqual([
      { lessonId: quizLesson, title: quizTitle, kind: 'quiz', order: 2 },
      { lessonId: assignmentLesson, title: assignmentTitle, kind: 'assignment', order: 3 },
    ]);
    expect(meta).toEqual({ page: 1, per_page: 20, total: 3, pages: 1 });
    expect(data.rows.map((row: { studentId: string }) => row.studentId).sort()).toEqual(students.map((student) => student.id).sort());
    expect(rowOf(data.rows, dropped)).toBeUndefined();

    const rowA = rowOf(data.rows, a);
    expect(rowA).toMatchObject({ enrollmentId: enrollmentIdOf(a.id, courseId), status: 'active', courseScorePercent: 85, gradedCount: 2 });
    expect(rowA.grades[quizLesson]).toMatchObject({ kind: 'quiz', percent: 80, passed: true, attemptNumber: 2 });
    // Revision 2 stands: the revision 1 that arrived after it changed nothing.
    expect(rowA.grades[assignmentLesson]).toMatchObject({
      kind: 'assignment',
      score: 9,
      maxScore: 10,
      percent: 90,
      passed: true,
      latePenaltyPercent: 0,
      revision: 2,
    });
    const progress = await api('GET', `/api/enrollments/${rowA.enrollmentId}/progress`, { token: a.token });
    expect(rowA.progressPercent).toBe(progress.body.data.percent);
    expect(rowA.progressPercent).toBeGreaterThan(0);

    expect(rowOf(data.rows, b)).toMatchObject({ courseScorePercent: 40, gradedCount: 1, grades: { [assignmentLesson]: null } });
    expect(rowOf(data.rows, c)).toMatchObject({
      courseScorePercent: null,
      gradedCount: 0,
      progressPercent: 0,
      grades: { [quizLesson]: null, [assignmentLesson]: null },
    });
  });

  it('pages the students, oldest enrollment first, with the columns on every page', async () => {
    const first = await gradebook(instructor.token, '?page=1&per_page=2');
    const second = await gradebook(instructor.token, '?page=2&per_page=2');
    expect(first.body.meta).toEqual({ page: 1, per_page: 2, total: 3, pages: 2 });
    expect(second.body.meta).toEqual({ page: 2, per_page: 2, total: 3, pages: 2 });
    expect(second.body.data.columns).toEqual(first.body.data.columns);
    const ids = [...first.body.data.rows, ...second.body.data.rows].map((row: { studentId: string }) => row.studentId);
    expect(ids).toEqual(students.map((student) => student.id));
    expect((await gradebook(instructor.token, '?per_page=0')).status).toBe(400);
  });

  it('answers the whole course as a CSV file for Accept: text/csv', async () => {
    const [a, b, c] = students as [Person, Person, Person];
    const answer = await csv(admin.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="gradebook-${courseId}.csv"`);
    const text = await answer.text();
    const records = text.split('\r\n');
    expect(records.pop()).toBe('');
    expect(records[0]).toBe(`enrollment_id,student_id,status,progress_percent,course_score_percent,"2. Check, part ""one"" (quiz)",3. =Essay (assignment)`);
    expect(records).toHaveLength(4);
    const recordOf = (student: Person) => records.find((record) => record.includes(student.id))!.split(',');
    expect(recordOf(a).slice(2)).toEqual(['active', expect.any(String), '85', '80', '90']);
    expect(recordOf(b).slice(2)).toEqual(['active', '0', '40', '40', '']);
    expect(recordOf(c).slice(2)).toEqual(['active', '0', '', '', '']);
    expect(text).not.toContain(dropped.id);
  });

  it('is for the course instructor and admins: 403 for a student of the course and for another instructor, 404 for an unknown course', async () => {
    const student = await gradebook(students[0]!.token);
    expect(student.status).toBe(403);
    expect((await csv(students[0]!.token)).status).toBe(403);
    const other = await gradebook(otherInstructor.token);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await csv(otherInstructor.token)).status).toBe(403);
    expect((await gradebook(admin.token)).status).toBe(200);
    const unknown = await api('GET', `/api/courses/${randomUUID()}/gradebook`, { token: instructor.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('COURSE_NOT_FOUND');
  });
});

describe("an enrollment's grades", () => {
  it("answers the student's own row to them, the instructor and admins; to anyone else the enrollment does not exist", async () => {
    const [a, b] = students as [Person, Person, Person];
    const path = `/api/enrollments/${enrollmentIdOf(a.id, courseId)}/grades`;
    const own = await api('GET', path, { token: a.token });
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ courseId, courseTitle, row: { studentId: a.id, courseScorePercent: 85 } });
    expect(own.body.data.columns).toHaveLength(2);
    expect(own.body.data.row.grades[assignmentLesson]).toMatchObject({ score: 9, revision: 2 });
    expect((await api('GET', path, { token: instructor.token })).body.data).toEqual(own.body.data);
    expect((await api('GET', path, { token: admin.token })).status).toBe(200);
    for (const stranger of [b, otherInstructor]) {
      const refused = await api('GET', path, { token: stranger.token });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('ENROLLMENT_NOT_FOUND');
    }
  });
});

describe('rebuilding the gradebook replica', () => {
  it('replays the grade topics into the same rows (sc rebuild enrollment-progress gradebook)', async () => {
    const rows = () =>
      Promise.all([
        enrollmentDb('gradebook_quiz_grades').where({ course_id: courseId }).orderBy(['student_id', 'lesson_id']),
        enrollmentDb('gradebook_assignment_grades').where({ course_id: courseId }).orderBy(['student_id', 'lesson_id']),
      ]);
    const before = await rows();
    expect(before[0]).toHaveLength(3);
    expect(before[1]).toEqual([expect.objectContaining({ student_id: students[0]!.id, revision: 2, score: 9 })]);
    const listed = await sc(['rebuild', 'enrollment-progress', '--json']);
    expect(JSON.parse(listed.stdout).map((row: { replica: string }) => row.replica)).toEqual(['course-structures', 'gradebook']);

    // Component tests write grades straight into this database, rows no topic carries: the first pass repairs those.
    const first = await sc(['rebuild', 'enrollment-progress', 'gradebook', '--replace', '--json']);
    expect({ code: first.code, stderr: first.code === 0 ? '' : first.stderr }).toEqual({ code: 0, stderr: '' });
    const second = await sc(['rebuild', 'enrollment-progress', 'gradebook', '--json']);
    expect(second.code).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report).toMatchObject({ replica: 'gradebook', outcome: 'swapped', agree: true, changedRows: { deleted: 0, inserted: 0 } });
    expect(report.tables.map((table: { table: string }) => table.table)).toEqual(['gradebook_quiz_grades', 'gradebook_assignment_grades']);
    expect(report.replayed['assignment.graded'].handled).toBeGreaterThanOrEqual(2);
    expect(await rows()).toEqual(before);
    expect((await gradebook(instructor.token)).body.data.rows).toHaveLength(3);
  }, 120_000);
});

describe('notifications of submissions and grades', () => {
  it("tells the course's instructor of a submission and the student of a grade: inbox, mail and the live stream", async () => {
    const student = students[2]!;
    const [instructorStream, studentStream] = [await stream(instructor), await stream(student)];

    await publish('assignment.submitted', student.id, {
      submissionId: randomUUID(),
      assignmentId,
      lessonId: assignmentLesson,
      courseId,
      studentId: student.id,
      version: 2,
      late: true,
    });
    await assignmentGraded(student, 1, 7, 10);

    await instructorStream.waitFor(
      () => instructorStream.events('notification').some((event) => event.data.notification.kind === 'assignment-submitted'),
      30_000,
    );
    await studentStream.waitFor(() => studentStream.events('notification').some((event) => event.data.notification.kind === 'assignment-graded'), 30_000);
    const submitted = (await inbox(instructor.token)).find((entry) => entry.kind === 'assignment-submitted');
    expect(submitted).toMatchObject({ title: `New submission in ${courseTitle}`, body: expect.stringContaining('after the due date') });
    const graded = (await inbox(student.token)).find((entry) => entry.kind === 'assignment-graded');
    expect(graded).toMatchObject({ title: `Assignment graded in ${courseTitle}`, body: 'You got 7 of 10 points (70%). You passed.' });

    const instructorMail = await eventually(
      () => mailTo(instructor.email),
      (mails) => mails.some((mail) => mail.subject === `New submission in ${courseTitle}`),
      30_000,
    );
    expect(instructorMail.find((mail) => mail.subject === `New submission in ${courseTitle}`)!.text).toContain('Unsubscribe from new submission emails');
    const studentMail = await eventually(
      () => mailTo(student.email),
      (mails) => mails.some((mail) => mail.subject === `Assignment graded in ${courseTitle}`),
      30_000,
    );
    const gradeMail = studentMail.find((mail) => mail.subject === `Assignment graded in ${courseTitle}`)!;
    expect(gradeMail.text).toContain('You got 7 of 10 points (70%)');
    expect(gradeMail.text).toContain('A late penalty of 10% was applied.');

    const row = await eventually(
      () => api('GET', `/api/enrollments/${enrollmentIdOf(student.id, courseId)}/grades`, { token: student.token }),
      (answer) => answer.body.data?.row.grades[assignmentLesson] !== null,
      20_000,
    );
    expect(row.body.data.row.grades[assignmentLesson]).toMatchObject({ score: 7, percent: 70, latePenaltyPercent: 10, revision: 1 });
  }, 90_000);
});
