import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enrollmentIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { upload } from '../support/files.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, publishEvent, readTopic } from '../support/kafka.js';
import { addLesson, enroll, eventsOf } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

// The platform has no clock to move: lateness comes from due dates in the past, closing from late limits in the past.
usePlatform();

const enrollmentDb = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 1 });
let admin: { id: string; token: string };
let instructor: Awaited<ReturnType<typeof newInstructor>>;
beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin, 'Assessor');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await enrollmentDb.destroy();
});

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
/** A student's own uploaded file of purpose `submission` (the gateway checks each id against the media service). */
async function essayFile(token: string): Promise<string> {
  const answer = await upload(token, 'submission', Buffer.from(`An essay ${randomUUID()}\n`), { name: 'essay.txt' });
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.data.id as string;
}

const feedbackText = () => `Careful reasoning, cite your sources ${randomUUID()}`;

const assignmentBody = (overrides: object = {}) => ({
  instructions: 'Explain, in your own words, why consumers must be idempotent.',
  latePenaltyPercentPerDay: 10,
  maxScore: 50,
  passMarkPercent: 60,
  allowResubmission: true,
  maxFiles: 2,
  ...overrides,
});

/** A published course whose one required lesson is an assignment lesson. */
async function publishedAssignment(settings: object = {}) {
  const token = instructor.token;
  const course = await api('POST', '/api/courses', {
    token,
    body: { title: `Essays ${randomUUID().slice(0, 8)}`, summary: 'Written work.', level: 'beginner', language: 'en', priceCents: 0, currency: 'EUR' },
  });
  expect(course.status).toBe(201);
  const courseId = course.body.data.id as string;
  const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Writing' } })).body.data.id as string;
  const lessonId = await addLesson(token, { courseId, moduleId }, 'Essay', 'assignment');
  const set = await api('PUT', `/api/lessons/${lessonId}/assignment`, { token, body: assignmentBody(settings) });
  expect(set.status).toBe(200);
  expect((await api('POST', `/api/courses/${courseId}/publish`, { token })).status).toBe(200);
  return { courseId, lessonId, assignment: set.body.data };
}

/** A published course whose one required lesson is an assignment lesson, and a student enrolled through enrollment-progress. */
async function enrolledInAssignment(settings: object = {}) {
  const { courseId, lessonId, assignment } = await publishedAssignment(settings);
  const student = await newUser('Essayist');
  const enrolled = await enroll(student.token, courseId);
  expect(enrolled.status).toBe(201);
  // The course service learns of the enrollment from its event before it lets the student in.
  await eventually(
    () => api('GET', `/api/lessons/${lessonId}/assignment`, { token: student.token }),
    (answer) => answer.status === 200,
    20_000,
  );
  return { courseId, lessonId, assignment, student, enrollmentId: enrolled.body.data.id as string };
}

const submit = (assignmentId: string, token: string, body: object) => api('POST', `/api/assignments/${assignmentId}/submissions`, { token, body });
const grade = (submissionId: string, token: string, body: object) => api('POST', `/api/submissions/${submissionId}/grade`, { token, body });
const list = (assignmentId: string, token: string, query = '') => api('GET', `/api/assignments/${assignmentId}/submissions${query}`, { token });

describe('assignments through the gateway', () => {
  it('takes work on time, versions a resubmission, grades and regrades with the history kept, and completes the lesson once', async () => {
    const { lessonId, courseId, assignment, student, enrollmentId } = await enrolledInAssignment({ dueAt: at(48 * HOUR), lateUntil: at(72 * HOUR) });
    expect(assignment).toMatchObject({ lessonId, courseId, maxScore: 50, passMarkPercent: 60, maxFiles: 2, fileRequired: false, version: 1 });
    expect((await api('GET', `/api/lessons/${lessonId}/assignment`, { token: student.token })).body.data.id).toBe(assignment.id);

    const refusedByHand = await api('POST', `/api/lessons/${lessonId}/complete`, { token: student.token });
    expect([refusedByHand.status, refusedByHand.body.error.code]).toEqual([409, 'ASSIGNMENT_LESSON_NEEDS_PASS']);

    const fileId = await essayFile(student.token);
    const first = await submit(assignment.id, student.token, { text: 'First draft', fileIds: [fileId] });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      assignmentId: assignment.id,
      studentId: student.id,
      version: 1,
      text: 'First draft',
      fileIds: [fileId],
      late: false,
      status: 'submitted',
      grade: null,
      grades: [],
    });
    const second = await submit(assignment.id, student.token, { text: 'Second draft' });
    expect(second.body.data).toMatchObject({ version: 2, late: false, fileIds: [] });

    // Only the latest version is graded; a score above the maximum is refused with it.
    const superseded = await grade(first.body.data.id, instructor.token, { score: 40, feedback: 'old' });
    expect([superseded.status, superseded.body.error.code, superseded.body.error.details.latestSubmissionId]).toEqual([
      409,
      'SUBMISSION_SUPERSEDED',
      second.body.data.id,
    ]);
    const above = await grade(second.body.data.id, instructor.token, { score: 51, feedback: 'too generous' });
    expect([above.status, above.body.error.code, above.body.error.details]).toEqual([422, 'SCORE_ABOVE_MAXIMUM', { maxScore: 50 }]);

    const firstFeedback = feedbackText();
    const failed = await grade(second.body.data.id, instructor.token, { score: 20, feedback: firstFeedback });
    expect(failed.status).toBe(200);
    expect(failed.body.data).toMatchObject({
      status: 'graded',
      grade: { revision: 1, score: 20, latePenaltyPercent: 0, finalScore: 20, percent: 40, passed: false },
    });

    // Graded: no more versions.
    const resubmitted = await submit(assignment.id, student.token, { text: 'Third draft' });
    expect([resubmitted.status, resubmitted.body.error.code]).toEqual([409, 'RESUBMISSION_NOT_ALLOWED']);

    const secondFeedback = feedbackText();
    const regraded = await grade(second.body.data.id, instructor.token, { score: 45, feedback: secondFeedback });
    expect(regraded.body.data.grade).toMatchObject({
      revision: 2,
      score: 45,
      finalScore: 45,
      percent: 90,
      passed: true,
      feedback: secondFeedback,
      gradedBy: instructor.id,
    });
    expect(regraded.body.data.grades.map((each: { revision: number; feedback: string }) => [each.revision, each.feedback])).toEqual([
      [1, firstFeedback],
      [2, secondFeedback],
    ]);

    // The owner sees each student's latest version; the student every version of their own, with the grades.
    const owned = await list(assignment.id, instructor.token);
    expect([owned.body.meta.total, owned.body.data.map((each: { version: number }) => each.version)]).toEqual([1, [2]]);
    expect((await list(assignment.id, instructor.token, '?status=submitted')).body.meta.total).toBe(0);
    const mine = await list(assignment.id, student.token);
    expect(mine.body.data.map((each: { version: number; status: string; grades: unknown[] }) => [each.version, each.status, each.grades.length])).toEqual([
      [2, 'graded', 2],
      [1, 'submitted', 0],
    ]);
    expect((await list(assignment.id, student.token, '?status=graded')).body.data.map((each: { version: number }) => each.version)).toEqual([2]);

    // The passing regrade completes the lesson, and so the course: once.
    const completed = await eventually(
      () => api('GET', `/api/enrollments/${enrollmentId}`, { token: student.token }),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );
    expect(completed.body.data).toMatchObject({ percent: 100 });
    const progress = await api('GET', `/api/enrollments/${enrollmentId}/progress`, { token: student.token });
    expect(progress.body.data).toMatchObject({ percent: 100, completedLessonIds: [lessonId] });
    const once = await grade(second.body.data.id, instructor.token, { score: 50, feedback: 'Even better on a second read.' });
    expect(once.body.data.grade.revision).toBe(3);

    const graded = await eventually(
      async () => Promise.all((await readTopic('assignment.graded')).filter((r) => r.key === student.id).map((r) => decode<Record<string, unknown>>(r))),
      (found) => found.length === 3,
      20_000,
    );
    expect(graded[1]).toEqual({
      eventId: expect.any(String),
      occurredAt: expect.anything(),
      submissionId: second.body.data.id,
      assignmentId: assignment.id,
      lessonId,
      courseId,
      studentId: student.id,
      score: 45,
      maxScore: 50,
      percent: 90,
      passed: true,
      latePenaltyPercent: 0,
      revision: 2,
    });
    expect(graded.map((event) => event.revision)).toEqual([1, 2, 3]);
    const raw = (await readTopic('assignment.graded')).filter((r) => r.key === student.id).map((r) => r.raw?.toString('latin1') ?? '');
    expect(raw.join('')).not.toContain(secondFeedback.slice(0, 20));
    const submitted = await Promise.all(
      (await readTopic('assignment.submitted')).filter((r) => r.key === student.id).map((r) => decode<Record<string, unknown>>(r)),
    );
    expect(submitted.map((event) => [event.version, event.late])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(JSON.stringify(submitted)).not.toContain('draft');

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const lessonCompletions = (await eventsOf('lesson.completed', enrollmentId)).filter((event) => event.lessonId === lessonId);
    expect(lessonCompletions).toHaveLength(1);
    expect(await eventsOf('enrollment.completed', enrollmentId)).toHaveLength(1);
  });

  it('marks work late after the due date and takes the penalty off per started day; closes after the late limit', async () => {
    // 25 hours after the due date: two started days late, 2 × 10 % off.
    const { lessonId, assignment, student, enrollmentId } = await enrolledInAssignment({ dueAt: at(-25 * HOUR), lateUntil: at(24 * HOUR) });
    const late = await submit(assignment.id, student.token, { text: 'Sorry, late' });
    expect(late.body.data).toMatchObject({ version: 1, late: true });
    const graded = await grade(late.body.data.id, instructor.token, { score: 40, feedback: 'Good, but late.' });
    expect(graded.body.data.grade).toEqual(
      expect.objectContaining({ score: 40, latePenaltyPercent: 20, finalScore: 32, maxScore: 50, percent: 64, passed: true, feedback: 'Good, but late.' }),
    );
    const event = await eventually(
      async () => Promise.all((await readTopic('assignment.graded')).filter((r) => r.key === student.id).map((r) => decode<Record<string, unknown>>(r))),
      (found) => found.length === 1,
      20_000,
    );
    expect(event[0]).toMatchObject({ score: 32, percent: 64, latePenaltyPercent: 20, passed: true, revision: 1 });
    expect(Object.keys(event[0]!)).not.toContain('feedback');
    await eventually(
      () => api('GET', `/api/enrollments/${enrollmentId}/progress`, { token: student.token }),
      (answer) => answer.body.data?.completedLessonIds?.includes(lessonId),
      20_000,
    );

    // Both dates in the past: closed. The replaced assignment keeps its id.
    const closed = await api('PUT', `/api/lessons/${lessonId}/assignment`, {
      token: instructor.token,
      body: assignmentBody({ dueAt: at(-48 * HOUR), lateUntil: at(-HOUR) }),
    });
    expect(closed.body.data).toMatchObject({ id: assignment.id, version: 2 });
    const other = await newUser('Latecomer');
    await enroll(other.token, closed.body.data.courseId);
    await eventually(
      () => api('GET', `/api/lessons/${lessonId}/assignment`, { token: other.token }),
      (answer) => answer.status === 200,
      20_000,
    );
    const refused = await submit(assignment.id, other.token, { text: 'Too late' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'SUBMISSION_CLOSED']);
  });

  it('refuses a student of another course, a grader who does not teach it, and a bad assignment', async () => {
    const { lessonId, assignment, student } = await enrolledInAssignment({ fileRequired: true });
    const outsider = await enrolledInAssignment();
    const stranger = outsider.student;
    expect((await api('GET', `/api/lessons/${lessonId}/assignment`, { token: stranger.token })).body.error.code).toBe('ENROLLMENT_REQUIRED');
    const foreign = await submit(assignment.id, stranger.token, { text: 'Not my course', fileIds: [await essayFile(stranger.token)] });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, 'ENROLLMENT_REQUIRED']);
    expect((await list(assignment.id, stranger.token)).status).toBe(403);

    const noFile = await submit(assignment.id, student.token, { text: 'Forgot the file' });
    expect([noFile.status, noFile.body.error.code]).toEqual([422, 'FILE_REQUIRED']);
    const othersFile = await submit(assignment.id, student.token, { fileIds: [await essayFile(stranger.token)] });
    expect(othersFile.status).toBe(422);
    expect(othersFile.body.error).toMatchObject({ code: 'FILE_NOT_USABLE', details: [{ field: 'fileIds', reason: 'not-yours' }] });
    const tooMany = await submit(assignment.id, student.token, {
      fileIds: [await essayFile(student.token), await essayFile(student.token), await essayFile(student.token)],
    });
    expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.details.maxFiles]).toEqual([422, 'TOO_MANY_FILES', 2]);
    const handedIn = await submit(assignment.id, student.token, { fileIds: [await essayFile(student.token)] });
    expect(handedIn.status).toBe(201);

    expect((await grade(handedIn.body.data.id, stranger.token, { score: 50, feedback: 'self-graded' })).status).toBe(403);
    expect((await grade(handedIn.body.data.id, student.token, { score: 50, feedback: 'self-graded' })).status).toBe(403);
    const otherTeacher = await newInstructor(await newAdmin(), 'OtherTeacher');
    const notTheirs = await grade(handedIn.body.data.id, otherTeacher.token, { score: 10, feedback: 'not mine' });
    expect([notTheirs.status, notTheirs.body.error.code]).toEqual([404, 'SUBMISSION_NOT_FOUND']);
    expect((await list(assignment.id, stranger.token)).body.error.code).toBe('ENROLLMENT_REQUIRED');

    const invalid = await api('PUT', `/api/lessons/${lessonId}/assignment`, {
      token: instructor.token,
      body: assignmentBody({ dueAt: at(HOUR), lateUntil: at(-HOUR), latePenaltyPercentPerDay: 120 }),
    });
    expect([invalid.status, invalid.body.error.details.map((issue: { path: string }) => issue.path)]).toEqual([400, ['latePenaltyPercentPerDay']]);
    const backwards = await api('PUT', `/api/lessons/${lessonId}/assignment`, {
      token: instructor.token,
      body: assignmentBody({ dueAt: at(HOUR), lateUntil: at(-HOUR) }),
    });
    expect([backwards.status, backwards.body.error.details]).toEqual([400, [{ path: 'lateUntil', message: expect.any(String) }]]);
    const notAssignment = await addLesson(
      instructor.token,
      { courseId: outsider.courseId, moduleId: await firstModule(outsider.courseId) },
      'Reading',
      'theory',
    );
    const wrongKind = await api('PUT', `/api/lessons/${notAssignment}/assignment`, { token: instructor.token, body: assignmentBody() });
    expect([wrongKind.status, wrongKind.body.error.code]).toEqual([409, 'NOT_AN_ASSIGNMENT_LESSON']);

    const draft = await api('POST', '/api/courses', {
      token: instructor.token,
      body: { title: `Unset ${randomUUID().slice(0, 8)}`, summary: 'No assignment yet.', level: 'beginner', language: 'en', priceCents: 0, currency: 'EUR' },
    });
    const draftModule = (await api('POST', `/api/courses/${draft.body.data.id}/modules`, { token: instructor.token, body: { title: 'Only' } })).body.data
      .id as string;
    const unset = await addLesson(instructor.token, { courseId: draft.body.data.id, moduleId: draftModule }, 'Essay', 'assignment');
    const unpublishable = await api('POST', `/api/courses/${draft.body.data.id}/publish`, { token: instructor.token });
    expect([unpublishable.body.error.code, unpublishable.body.error.details.lessonIds]).toEqual(['COURSE_NOT_PUBLISHABLE', [unset]]);
  });
});

describe('assignment grades out of order', () => {
  it('keeps the highest revision before the enrollment exists, and completes the lesson once from a later passing one', async () => {
    const { courseId, lessonId, assignment } = await publishedAssignment();
    const student = await newUser('Early');
    const enrollmentId = enrollmentIdOf(student.id, courseId);
    // Through the gateway the enrollment always comes first; the course service's events are sent by hand.
    const graded = (revision: number, passed: boolean, eventId = randomUUID()) =>
      publishEvent('assignment.graded', student.id, {
        eventId,
        occurredAt: Date.now(),
        submissionId: randomUUID(),
        assignmentId: assignment.id,
        lessonId,
        courseId,
        studentId: student.id,
        score: passed ? 40 : 10,
        maxScore: 50,
        percent: passed ? 80 : 20,
        passed,
        latePenaltyPercent: 0,
        revision,
      });
    // The regrade that failed is read before the older passing grade: the older one changes nothing.
    await graded(2, false);
    await graded(1, true);
    const kept = await eventually(
      () => enrollmentDb('assignment_grades').where({ student_id: student.id, assignment_id: assignment.id }),
      (rows) => rows.length === 1 && rows[0].revision === 2,
      20_000,
    );
    expect(kept[0]).toMatchObject({ revision: 2, passed: false, lesson_id: lessonId });
    await graded(1, true);

    const enrolled = await enroll(student.token, courseId);
    expect(enrolled.body.data).toMatchObject({ id: enrollmentId, status: 'active', percent: 0 });

    const passingId = randomUUID();
    await graded(3, true, passingId);
    await eventually(
      () => api('GET', `/api/enrollments/${enrollmentId}`, { token: student.token }),
      (answer) => answer.body.data?.status === 'completed',
      20_000,
    );
    // The same event again, and a newer passing regrade: the lesson stays completed once.
    await graded(3, true, passingId);
    await graded(4, true);
    await eventually(
      () => enrollmentDb('assignment_grades').where({ student_id: student.id, assignment_id: assignment.id }),
      (rows) => rows[0]?.revision === 4,
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await eventsOf('lesson.completed', enrollmentId)).filter((event) => event.lessonId === lessonId)).toHaveLength(1);
    expect(await eventsOf('enrollment.completed', enrollmentId)).toHaveLength(1);
  });
});

async function firstModule(courseId: string): Promise<string> {
  const course = await api('GET', `/api/courses/${courseId}`, { token: instructor.token });
  return course.body.data.modules[0].id as string;
}

describe('erasure of a student', () => {
  it("takes the text of an erased student's submissions (their files go with the media service's erasure), keeping versions and grades", async () => {
    const { assignment, student } = await enrolledInAssignment();
    const file = await essayFile(student.token);
    const handedIn = await submit(assignment.id, student.token, { text: 'Words that are mine', fileIds: [file] });
    expect(handedIn.status).toBe(201);
    expect((await api('DELETE', `/api/admin/users/${student.id}`, { token: admin.token })).status).toBeLessThan(300);
    const after = await eventually(
      () => list(assignment.id, instructor.token),
      (answer) => answer.body.data.some((entry: { studentId: string; text: string | null }) => entry.studentId === student.id && entry.text === null),
      30_000,
    );
    expect(after.body.data.find((entry: { studentId: string }) => entry.studentId === student.id)).toMatchObject({ version: 1, text: null });
    await eventually(
      () => api('GET', `/api/files/${file}`, { token: admin.token }),
      (answer) => answer.status === 404,
      30_000,
    );
  });
});
