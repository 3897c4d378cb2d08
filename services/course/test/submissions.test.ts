import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@smartcourse/platform';
import { submissionFileReadable } from '../src/submissions/store.js';
import { addLessonMessage, draftWithModule, enrollInProcess, log, startCourseService } from './in-process.js';

/**
 * Submissions in the course service in this process against the real Postgres, document store,
 * Kafka and registry: the course and enrollments come through its own handlers, assignments and
 * submissions through its internal API on a real port, the file read rule from its store.
 */
let course: Awaited<ReturnType<typeof startCourseService>>;
let db: Knex;

beforeAll(async () => {
  course = await startCourseService();
  db = course.db;
}, 60_000);
afterAll(async () => {
  await course?.service.stop();
});

type Actor = { userId: string; role: string };
const instructor = (): Actor => ({ userId: randomUUID(), role: 'instructor' });
const student = (): Actor => ({ userId: randomUUID(), role: 'student' });
const call = (method: string, path: string, actor: Actor, body?: unknown) => course.call(method, path, actor, body);

/** A published course of the owner with an assignment lesson and its assignment, and an enrolled student. */
async function assignmentWithStudent(owner: Actor, settings: object = {}) {
  const { courseId, moduleId } = await draftWithModule(course, owner);
  const lesson = addLessonMessage(course, owner, { courseId, moduleId }, { kind: 'assignment' });
  await course.handlerOf('course.commands')(lesson, log);
  const lessonId = (lesson.value as { lessonId: string }).lessonId;
  const set = await call('PUT', `/internal/lessons/${lessonId}/assignment`, owner, {
    instructions: 'Throw a bowl and photograph it.',
    maxScore: 10,
    passMarkPercent: 50,
    allowResubmission: true,
    maxFiles: 3,
    ...settings,
  });
  expect(set.status).toBe(200);
  expect((await course.command('smartcourse.commands.course.PublishCourse', owner, { courseId })).status).toBe('succeeded');
  const learner = student();
  await enrollInProcess(course, learner.userId, courseId);
  return { courseId, lessonId, assignmentId: set.body.data.id as string, learner };
}

const submit = (assignmentId: string, actor: Actor, body: object) => call('POST', `/internal/assignments/${assignmentId}/submissions`, actor, body);

describe('the read rule of submission files', () => {
  it("lets the file's student, the course's instructor and admins read it, and no one else", async () => {
    const owner = instructor();
    const { assignmentId, learner } = await assignmentWithStudent(owner);
    const fileId = randomUUID();
    const handedIn = await submit(assignmentId, learner, { fileIds: [fileId, randomUUID()] });
    expect(handedIn.status).toBe(201);

    expect(await submissionFileReadable(db, fileId, learner)).toBe(true);
    expect(await submissionFileReadable(db, fileId, owner)).toBe(true);
    expect(await submissionFileReadable(db, fileId, { userId: randomUUID(), role: 'admin' })).toBe(true);
    expect(await submissionFileReadable(db, fileId, student())).toBe(false);
    expect(await submissionFileReadable(db, fileId, instructor())).toBe(false);
    // The owner demoted to student keeps the course but not the right to read its students' work.
    expect(await submissionFileReadable(db, fileId, { userId: owner.userId, role: 'student' })).toBe(false);
    expect(await submissionFileReadable(db, randomUUID(), learner)).toBe(false);
    expect(await submissionFileReadable(db, 'not-a-uuid', learner)).toBe(false);
  });
});

describe('handing in work', () => {
  it('numbers concurrent submissions one after the other, each announced once', async () => {
    const { assignmentId, learner } = await assignmentWithStudent(instructor());
    const answers = await Promise.all([1, 2, 3].map((n) => submit(assignmentId, learner, { text: `draft ${n}` })));
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(answers.map((answer) => answer.body.data.version).sort()).toEqual([1, 2, 3]);
    const events = await db('outbox').where({ topic: 'assignment.submitted', record_key: learner.userId });
    expect(events.map((row) => row.value.version).sort()).toEqual([1, 2, 3]);
    expect(JSON.stringify(events.map((row) => row.value))).not.toContain('draft');
  });

  it('writes nothing for refused work', async () => {
    const { assignmentId, learner } = await assignmentWithStudent(instructor(), { fileRequired: true, maxFiles: 1 });
    expect((await submit(assignmentId, learner, { text: 'no file' })).body.error.code).toBe('FILE_REQUIRED');
    const tooMany = await submit(assignmentId, learner, { fileIds: [randomUUID(), randomUUID()] });
    expect([tooMany.status, tooMany.body.error]).toEqual([
      422,
      expect.objectContaining({ code: 'TOO_MANY_FILES', details: expect.objectContaining({ maxFiles: 1 }) }),
    ]);
    expect(await db('submissions').where({ assignment_id: assignmentId })).toEqual([]);
    expect(await db('outbox').where({ topic: 'assignment.submitted', record_key: learner.userId })).toEqual([]);
  });
});
