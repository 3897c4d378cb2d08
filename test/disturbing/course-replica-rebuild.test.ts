import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCodec, createDb, createKafka, createLogger, migrateService, replayToEnd, replicaSubscriptions, type Knex } from '@smartcourse/platform';
import { migrations } from '../../services/enrollment-progress/migrations/index.js';
import { courseStructureReplica } from '../../services/enrollment-progress/src/courses/replica.js';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api } from '../support/http.js';
import { caughtUp, closeKafka, decode, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { scratchDatabase } from '../support/postgres.js';

const COURSE_TOPICS = ['course.published', 'course.unpublished', 'course.archived', 'course.updated', 'course.structure_changed'];
const live = createDb({ url: env.enrollmentDatabaseUrl, poolMax: 2 });
let instructor: Awaited<ReturnType<typeof newInstructor>>;

usePlatform();
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'RebuildTeacher');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await live.destroy();
});

const call = async (method: string, path: string, body?: unknown) => {
  const answer = await api(method, path, { token: instructor.token, ...(body === undefined ? {} : { body }) });
  expect(answer.status).toBeLessThan(300);
  return answer.body.data;
};

/** A course through its life on the gateway; returns its id and the ids of its lessons. */
async function courseWithHistory(options: { archive: boolean }) {
  const courseId = (
    await call('POST', '/api/courses', {
      title: `Rebuild ${randomUUID().slice(0, 8)}`,
      summary: 'Replayed.',
      level: 'beginner',
      language: 'en',
      priceCents: 0,
      currency: 'EUR',
    })
  ).id as string;
  const moduleId = (await call('POST', `/api/courses/${courseId}/modules`, { title: 'First' })).id as string;
  const lesson = async (title: string, kind: string, required = true) =>
    (await call('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, { title, kind, durationMinutes: 3, required, body: { markdown: title } }))
      .id as string;
  await lesson('Warm-up', 'theory');
  const quizLesson = await lesson('Check', 'quiz');
  await call('PUT', `/api/lessons/${quizLesson}/quiz`, {
    title: 'Check',
    passMarkPercent: 50,
    shuffle: false,
    gradingMethod: 'highest',
    questions: [
      {
        kind: 'true_false',
        prompt: 'Replays converge?',
        points: 1,
        options: [
          { id: 't', text: 'True' },
          { id: 'f', text: 'False' },
        ],
        correct: ['t'],
      },
    ],
  });
  await call('POST', `/api/courses/${courseId}/publish`);
  await lesson('Afterthought', 'video', false); // a structure change of a published course
  await call('PATCH', `/api/courses/${courseId}`, { title: `Renamed ${randomUUID().slice(0, 8)}` });
  await call('POST', `/api/courses/${courseId}/unpublish`);
  await call('POST', `/api/courses/${courseId}/publish`);
  if (options.archive) await call('POST', `/api/courses/${courseId}/archive`);
  return courseId;
}

/** Every course id the course topics carry: the courses a replay can know of. */
async function coursesOnTopics(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const topic of COURSE_TOPICS) {
    for (const record of await readTopic(topic)) if (record.raw) ids.add((await decode<{ courseId: string }>(record)).courseId);
  }
  return ids;
}

/** The replica's rows, in a stable order (`structures.updated_at` is the time of the write, not a fact). */
async function replicaRows(db: Knex, courseIds: ReadonlySet<string>) {
  const ofKnown = <T extends Record<string, unknown>>(rows: T[], column: string) => rows.filter((row) => courseIds.has(String(row[column])));
  return {
    courses: ofKnown(await db('courses').orderBy('id'), 'id'),
    structures: ofKnown(await db('structures').select('course_id', 'structure_version').orderBy('course_id'), 'course_id'),
    structureLessons: ofKnown(await db('structure_lessons').orderBy('lesson_id'), 'course_id'),
  };
}

describe('rebuilding the course replica', () => {
  it('replays the course topics into an empty database and gets the same rows as the live one', async () => {
    const kept = await courseWithHistory({ archive: false });
    const archived = await courseWithHistory({ archive: true });
    // The live replica has applied both histories…
    await eventually(
      () => live('courses').whereIn('id', [kept, archived]).orderBy('status'),
      (rows) => rows.map((row) => row.status).join() === 'archived,published',
      20_000,
    );
    // …and everything else on the course topics: the live group is at their ends.
    expect(await eventually(() => caughtUp('enrollment-progress', COURSE_TOPICS), Boolean, 30_000)).toBe(true);

    const scratch = await scratchDatabase('rebuild_courses');
    const rebuilt = createDb({ url: scratch.url, poolMax: 2 });
    try {
      await migrateService(rebuilt, migrations);
      // An enrollment beside the empty replica, as in a service's own database: a rebuild must not recompute it.
      const enrollment = { id: randomUUID(), student_id: randomUUID(), course_id: kept, status: 'active', enrolled_at: new Date(), version: 1 };
      await rebuilt('enrollments').insert(enrollment);
      const logger = createLogger({ service: 'rebuild-test', level: 'silent' });
      const counts = await replayToEnd({
        kafka: createKafka({ clientId: 'rebuild-test', brokers: env.kafkaBrokers, logger }),
        codec: createCodec({ registryUrl: env.registryUrl }),
        logger,
        subscriptions: replicaSubscriptions(rebuilt, [courseStructureReplica]),
      });
      expect(counts['course.structure_changed']!.handled).toBeGreaterThanOrEqual(4);
      // Nothing but the replica: no enrollment recomputed, nothing for the outbox.
      expect(await rebuilt('enrollments').where({ id: enrollment.id }).first()).toMatchObject({ version: 1, required_lesson_count: 0, percent: 0 });
      expect(await rebuilt('outbox').count<{ count: string }[]>('* as count')).toEqual([{ count: '0' }]);

      // Rows of courses no course topic carries (written by component tests calling handlers directly) cannot come from a replay.
      const known = await coursesOnTopics();
      expect(known.has(kept) && known.has(archived)).toBe(true);
      const replayed = await replicaRows(rebuilt, known);
      const expected = await replicaRows(live, known);
      expect(replayed.courses).toEqual(expected.courses);
      expect(replayed.structures).toEqual(expected.structures);
      expect(replayed.structureLessons).toEqual(expected.structureLessons);
      expect(replayed.courses.find((row) => row.id === archived)).toMatchObject({ status: 'archived' });
      expect(replayed.structures.find((row) => row.course_id === kept)).toMatchObject({ structure_version: expect.any(Number) });
    } finally {
      await rebuilt.destroy();
      await scratch.drop();
    }
  });
});
