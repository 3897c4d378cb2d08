import { loadConfig } from '@smartcourse/platform';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { configSchema } from '../src/config.js';
import { closeKafka } from '../../../test/support/kafka.js';
import { addLessonMessage, draftWithModule, lessonContent, log, startCourseService } from './in-process.js';

const config = loadConfig(configSchema);

let course: Awaited<ReturnType<typeof startCourseService>>;
let documents: mongoose.Connection;

beforeAll(async () => {
  course = await startCourseService();
  documents = await mongoose.createConnection(config.MONGO_URL, { dbName: config.COURSE_DOCUMENTS_DB_NAME }).asPromise();
}, 60_000);
afterAll(async () => {
  await course?.service.stop();
  await documents?.close();
  await closeKafka();
});

const instructor = () => ({ userId: randomUUID(), role: 'instructor' });
const body = (markdown: string) => lessonContent({ markdown });
const lessonBody = (markdown: string) => ({ markdown, videoUrl: null, videoFileId: null, attachmentFileIds: [], links: [] });

const courseWithModule = (owner: { userId: string; role: string }) => draftWithModule(course, owner);
const addLesson = (owner: { userId: string; role: string }, courseId: string, moduleId: string) => addLessonMessage(course, owner, { courseId, moduleId });

const bodiesOf = (lessonId: string) => documents.collection('lesson_bodies').find({ lessonId }).toArray();

describe('lesson bodies and the lesson row', () => {
  it('writes the body first under the lesson id and the command id; a redelivered command applies once', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    const message = addLesson(owner, courseId, moduleId);
    const handle = course.handlerOf('course.commands');
    await handle(message, log);
    await handle(message, log);

    const lessonId = (message.value as { lessonId: string }).lessonId;
    const rows = await course.db('lessons').where({ id: lessonId });
    expect(rows).toHaveLength(1);
    expect(rows[0].body_revision).toBe(message.id);
    expect((await bodiesOf(lessonId)).map((doc) => [doc.revision, doc.markdown])).toEqual([[message.id, 'Wedge the clay.']]);
    const results = await course.db('outbox').where({ topic: 'command.results', record_key: message.id });
    expect(results.map((row: { value: { status: string } }) => row.value.status)).toEqual(['succeeded', 'succeeded']);

    const lesson = await course.internal(`/internal/lessons/${lessonId}`, owner);
    expect(((await lesson.json()) as { data: { body: unknown } }).data.body).toEqual(lessonBody('Wedge the clay.'));
  });

  it('converges when a body was written but its transaction never committed: the retry writes the same document', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    const message = addLesson(owner, courseId, moduleId);
    const lessonId = (message.value as { lessonId: string }).lessonId;
    // What a crash after the document write leaves: the body, no row.
    await documents.collection('lesson_bodies').insertOne({ lessonId, revision: message.id, ...lessonBody('Wedge the clay.'), createdAt: new Date() });
    await course.handlerOf('course.commands')(message, log);
    expect(await course.db('lessons').where({ id: lessonId })).toHaveLength(1);
    expect(await bodiesOf(lessonId)).toHaveLength(1);
  });

  it('replaces a body with a new revision and keeps at most one superseded revision', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    const add = addLesson(owner, courseId, moduleId);
    const lessonId = (add.value as { lessonId: string }).lessonId;
    await course.handlerOf('course.commands')(add, log);
    for (const markdown of ['Centre it.', 'Open it.', 'Pull the walls.']) {
      const fields = { lessonId, title: null, kind: null, durationMinutes: null, isPreview: null, required: null, body: body(markdown) };
      expect((await course.command('smartcourse.commands.course.UpdateLesson', owner, fields)).status).toBe('succeeded');
    }
    const revisions = await bodiesOf(lessonId);
    expect(revisions.map((doc) => doc.markdown).sort()).toEqual(['Open it.', 'Pull the walls.']);
    const lesson = (await (await course.internal(`/internal/lessons/${lessonId}`, owner)).json()) as { data: { body: { markdown: string } } };
    expect(lesson.data.body.markdown).toBe('Pull the walls.');
  });
});

describe('the outline', () => {
  it('keeps positions a permutation when two reorders of one course race', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    const lessons: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const message = addLesson(owner, courseId, moduleId);
      await course.handlerOf('course.commands')(message, log);
      lessons.push((message.value as { lessonId: string }).lessonId);
    }
    const admin = { userId: randomUUID(), role: 'admin' };
    const reversed = [...lessons].reverse();
    const rotated = [...lessons.slice(3), ...lessons.slice(0, 3)];
    const [first, second] = await Promise.all([
      course.command('smartcourse.commands.course.ReorderLessons', owner, { courseId, moduleId, lessonIds: reversed }),
      course.command('smartcourse.commands.course.ReorderLessons', admin, { courseId, moduleId, lessonIds: rotated }),
    ]);
    expect([first.status, second.status]).toEqual(['succeeded', 'succeeded']);
    const rows = (await course.db('lessons').where({ module_id: moduleId }).orderBy('position')) as { id: string; position: number }[];
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect([reversed, rotated]).toContainEqual(rows.map((row) => row.id));
  });

  it('refuses a reorder naming a lesson of another module, with what differs', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    const mine = addLesson(owner, courseId, moduleId);
    await course.handlerOf('course.commands')(mine, log);
    const other = await courseWithModule(owner);
    const foreign = addLesson(owner, other.courseId, other.moduleId);
    await course.handlerOf('course.commands')(foreign, log);
    const mineId = (mine.value as { lessonId: string }).lessonId;
    const foreignId = (foreign.value as { lessonId: string }).lessonId;
    const result = await course.command('smartcourse.commands.course.ReorderLessons', owner, { courseId, moduleId, lessonIds: [foreignId, mineId] });
    expect(result).toMatchObject({ status: 'failed', errorCode: 'ORDER_MISMATCH' });
    expect(JSON.parse(result.errorDetails ?? '{}')).toEqual({ field: 'lessonIds', missing: [], unknown: [foreignId], repeated: [] });
  });

  it('announces the structure of a published course with a version that only grows', async () => {
    const owner = instructor();
    const { courseId, moduleId } = await courseWithModule(owner);
    await course.handlerOf('course.commands')(addLesson(owner, courseId, moduleId), log);
    expect((await course.command('smartcourse.commands.course.PublishCourse', owner, { courseId })).status).toBe('succeeded');
    await course.handlerOf('course.commands')(addLesson(owner, courseId, moduleId), log);
    expect((await course.command('smartcourse.commands.course.UpdateModule', owner, { courseId, moduleId, title: 'Wet clay' })).status).toBe('succeeded');
    const structures = (await course.db('outbox').where({ topic: 'course.structure_changed', aggregate_id: courseId }).orderBy('id')).map(
      (row: { value: { structureVersion: number; modules: { title: string; lessons: unknown[] }[] } }) => row.value,
    );
    expect(structures.map((event) => [event.structureVersion, event.modules[0]?.title, event.modules[0]?.lessons.length])).toEqual([
      [1, 'Clay', 1],
      [2, 'Clay', 2],
      [3, 'Wet clay', 2],
    ]);
  });
});

describe('replicas', () => {
  const enrollmentEvent = (
    topic: string,
    recordName: string,
    fields: { enrollmentId: string; studentId: string; courseId: string; version: number },
    extra: object,
  ) =>
    course.event(
      topic,
      `smartcourse.events.enrollment.${recordName}`,
      { eventId: randomUUID(), occurredAt: Date.now(), ...fields, ...extra },
      fields.enrollmentId,
    );

  it('keeps the newest enrollment status whatever order its events arrive in', async () => {
    const fields = { enrollmentId: randomUUID(), studentId: randomUUID(), courseId: randomUUID() };
    await enrollmentEvent('enrollment.dropped', 'EnrollmentDropped', { ...fields, version: 2 }, { by: fields.studentId });
    await enrollmentEvent('enrollment.created', 'EnrollmentCreated', { ...fields, version: 1 }, { enrolledAt: Date.now() });
    expect((await course.db('enrollments').where({ id: fields.enrollmentId }).first()).status).toBe('dropped');
    await enrollmentEvent('enrollment.reactivated', 'EnrollmentReactivated', { ...fields, version: 3 }, {});
    await enrollmentEvent('enrollment.completed', 'EnrollmentCompleted', { ...fields, version: 4 }, { completedAt: Date.now(), scorePercent: null });
    await enrollmentEvent('enrollment.dropped', 'EnrollmentDropped', { ...fields, version: 2 }, { by: fields.studentId });
    expect(await course.db('enrollments').where({ id: fields.enrollmentId }).first()).toMatchObject({ status: 'completed', version: 4 });
  });

  it("keeps instructors' display names from the user topics and forgets them for good on erasure", async () => {
    const userId = randomUUID();
    const at = Date.now();
    const registered = { eventId: randomUUID(), occurredAt: at, userId, email: 'x@example.test', fullName: 'Ada L.', role: 'instructor', emailVerified: false };
    const renamed = { eventId: randomUUID(), occurredAt: at + 1000, userId, fullName: 'Ada Lovelace', bio: null };
    await course.event('user.profile_updated', 'smartcourse.events.user.UserProfileUpdated', renamed, userId);
    await course.event('user.registered', 'smartcourse.events.user.UserRegistered', registered, userId);
    expect((await course.db('display_names').where({ user_id: userId }).first()).full_name).toBe('Ada Lovelace');

    await course.event(
      'user.erased',
      'smartcourse.events.user.UserErased',
      { eventId: randomUUID(), occurredAt: at + 2000, userId, by: userId } as never,
      userId,
    );
    await course.event('user.registered', 'smartcourse.events.user.UserRegistered', { ...registered, eventId: randomUUID() }, userId);
    expect(await course.db('display_names').where({ user_id: userId })).toEqual([]);
    expect(await course.db('erased_users').where({ user_id: userId })).toHaveLength(1);
  });
});
