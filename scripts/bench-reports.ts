import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { addDays, consumerGroupsOf, dayIn, postgresUrlOf, processSpec } from '@smartcourse/contracts';
import {
  createCodec,
  createDb,
  createKafka,
  createLogger,
  endOffsets,
  eventRecord,
  loadConfig,
  newContext,
  startService,
  type Codec,
  type Knex,
} from '@smartcourse/platform';
import { configSchema } from '../services/analytics/src/config.js';
import { analyticsService } from '../services/analytics/src/service.js';
import { env } from '../test/support/env.js';
import { readBare } from './bench-bare-reader.js';
import { operationsHeaders } from '../test/support/operations.js';
import { scratchDatabase } from '../test/support/postgres.js';

/** The bench's course, in a scratch database of its own. */
const BENCH_COURSE = 'be0c0000-0000-4000-8000-000000000001';
const BENCH_INSTRUCTOR = 'be0c0000-0000-4000-8000-000000000002';
const LESSONS = 10;
const LIVE_GROUP = 'analytics';
const INGEST_TOPICS = ['enrollment.created', 'lesson.completed'];

const analyticsDatabaseUrl = () => postgresUrlOf('analytics', process.env);

/**
 * A course of `enrollments` learners written straight into the report tables with generate_series:
 * enrolled over the last year, a third completed (1 to 30 days after enrolling), progress 0–100 %
 * with the matching lessons of a 10-lesson outline completed (and its learners-per-lesson rollup),
 * a quiz grade for each, an assignment grade for half, a paid order for each (EUR or USD) and a
 * refund for one in twenty. Skipped when the course already holds them.
 */
async function seedCourse(db: Knex, enrollments: number): Promise<boolean> {
  const { rows } = (await db.raw(`select count(*) as n from enrollments where course_id = ?`, [BENCH_COURSE])) as { rows: { n: string }[] };
  if (Number(rows[0]!.n) === enrollments) return false;
  const bindings = { course: BENCH_COURSE, instructor: BENCH_INSTRUCTOR, n: enrollments, lessons: LESSONS };
  await db.transaction(async (trx) => {
    for (const table of ['enrollments', 'lesson_completions', 'lesson_learners', 'grades', 'orders', 'refunds', 'courses']) {
      await trx(table).where({ course_id: BENCH_COURSE }).delete();
    }
    await trx.raw(
      `insert into courses (course_id, instructor_id, title, status, status_at, structure_version, lessons)
       select :course, :instructor, 'Bench course', 'published', now(), 1,
         jsonb_agg(jsonb_build_object('lessonId', gen_random_uuid(), 'title', 'Lesson ' || i, 'moduleId', :course::text) order by i)
       from generate_series(1, :lessons) i`,
      bindings,
    );
    await trx.raw(
      `insert into enrollments (enrollment_id, student_id, course_id, status, version, enrolled_at, percent, completed_at, last_activity_at)
       select gen_random_uuid(), gen_random_uuid(), :course, case when i % 3 = 0 then 'completed' else 'active' end, 2, e.at,
         case when i % 3 = 0 then 100 else (i % 10) * 10 end,
         case when i % 3 = 0 then e.at + ((i % 30) + 1) * interval '1 day' end,
         now() - (i % 60) * interval '1 day'
       from generate_series(1, :n) i cross join lateral (select now() - (i % 365) * interval '1 day' - (i % 1440) * interval '1 minute' as at) e`,
      bindings,
    );
    await trx.raw(
      `insert into lesson_completions (enrollment_id, lesson_id, course_id, completed_at)
       select e.enrollment_id, (l.lesson->>'lessonId')::uuid, e.course_id, e.enrolled_at + l.position * interval '1 hour'
       from enrollments e cross join courses c cross join lateral jsonb_array_elements(c.lessons) with ordinality as l(lesson, position)
       where e.course_id = :course and c.course_id = :course and l.position <= e.percent / 10`,
      bindings,
    );
    await trx.raw(
      `insert into lesson_learners (course_id, lesson_id, learners)
       select course_id, lesson_id, count(*) from lesson_completions where course_id = :course group by course_id, lesson_id`,
      bindings,
    );
    await trx.raw(
      `insert into grades (kind, item_id, student_id, course_id, percent, passed, graded_at)
       select k.kind, k.item, e.student_id, e.course_id, abs(hashtext(e.student_id::text || k.kind)) % 101, true, e.enrolled_at + interval '2 hours'
       from enrollments e cross join (values ('quiz', gen_random_uuid()), ('assignment', gen_random_uuid())) k(kind, item)
       where e.course_id = :course and (k.kind = 'quiz' or e.percent >= 50)`,
      bindings,
    );
    await trx.raw(
      `insert into orders (order_id, course_id, instructor_id, student_id, amount_cents, currency, paid_at)
       select gen_random_uuid(), e.course_id, :instructor, e.student_id, case when e.percent % 20 = 0 then 4900 else 2000 end,
         case when e.percent % 20 = 0 then 'EUR' else 'USD' end, e.enrolled_at - interval '1 minute'
       from enrollments e where e.course_id = :course`,
      bindings,
    );
    await trx.raw(
      `insert into refunds (refund_id, order_id, course_id, instructor_id, amount_cents, currency, refunded_at)
       select gen_random_uuid(), o.order_id, o.course_id, o.instructor_id, o.amount_cents, o.currency, o.paid_at + interval '3 days'
       from orders o where o.course_id = :course and hashtext(o.order_id::text) % 20 = 0`,
      bindings,
    );
  });
  // The visibility map set, as autovacuum would leave it: the report's scans read the indexes alone.
  await db.raw('vacuum analyze enrollments, lesson_learners, grades, orders, refunds, courses');
  return true;
}

/**
 * The same numbers as the course report, in one statement sent straight to Postgres: what the
 * store alone takes, without the service's HTTP, its several queries and its JSON.
 */
const directQuery = `
  with bounds as (select (:from::date)::timestamp at time zone :tz as start, (:to::date + 1)::timestamp at time zone :tz as stop),
  e as (select * from enrollments where course_id = :course and enrolled_at is not null)
  select
    (select json_build_object(
      'enrollments', count(*), 'inRange', count(*) filter (where enrolled_at >= b.start and enrolled_at < b.stop),
      'active7', count(*) filter (where last_activity_at >= now() - interval '7 days'),
      'active30', count(*) filter (where last_activity_at >= now() - interval '30 days'),
      'completions', count(completed_at), 'progress', round(avg(percent), 2),
      'median', percentile_cont(0.5) within group (order by extract(epoch from completed_at - enrolled_at)))
     from e cross join bounds b) as figures,
    (select json_agg(json_build_object('date', d::date, 'n', coalesce(c.n, 0)) order by d)
     from generate_series(:from::date, :to::date, interval '1 day') d
     left join (select (enrolled_at at time zone :tz)::date as day, count(*) as n from e cross join bounds b
                where enrolled_at >= b.start and enrolled_at < b.stop group by 1) c on c.day = d::date) as per_day,
    (select json_object_agg(kind, mean) from (select kind, round(avg(percent), 2) as mean from grades where course_id = :course group by kind) g) as grades,
    (select json_agg(json_build_object('lesson', l.lesson->>'lessonId', 'learners', coalesce(ll.learners, 0)) order by l.position)
     from courses c cross join lateral jsonb_array_elements(c.lessons) with ordinality as l(lesson, position)
     left join lesson_learners ll on ll.course_id = c.course_id and ll.lesson_id = (l.lesson->>'lessonId')::uuid
     where c.course_id = :course) as drop_off,
    (select json_object_agg(currency, cents) from (select currency, sum(amount_cents) as cents from orders, bounds b
       where course_id = :course and paid_at >= b.start and paid_at < b.stop group by currency) o) as revenue,
    (select json_object_agg(currency, cents) from (select currency, sum(amount_cents) as cents from refunds, bounds b
       where course_id = :course and refunded_at >= b.start and refunded_at < b.stop group by currency) r) as refunds`;

/**
 * Waits (up to `timeoutMs`) for the machine to settle: a platform just started reads its topics'
 * backlog, and a latency measured meanwhile says more about that than about the report. Answers
 * the one-minute load average when timing starts.
 */
async function quiet(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (loadavg()[0]! > 1.5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5000));
  return loadavg()[0]!;
}

export interface ReportFigures {
  enrollments: number;
  seeded: boolean;
  seedSeconds: number;
  requests: number;
  range: { from: string; to: string; tz: string };
  direct: number[];
  service: number[];
  errors: number;
  /** The one-minute load average when the timed requests began. */
  load: number;
}

/**
 * (a) The course report of a course with `enrollments` enrollments: GET of the analytics service's
 * endpoint (as the gateway calls it, as an admin, a year's range in Europe/Paris), one request at a
 * time, beside the same numbers in one direct SQL statement, in this run.
 */
export async function reportFigures(enrollments = 100_000, requests = 200): Promise<ReportFigures> {
  // Rows no topic carries stay out of the live tables, which a rebuild compares with the topics:
  // the service runs in this process on a scratch database, its consumer off.
  const scratch = await scratchDatabase('analytics_bench');
  const config = loadConfig(configSchema, { ...process.env, ANALYTICS_DATABASE_URL: scratch.url });
  const service = await startService(analyticsService({ ...config, ANALYTICS_HTTP_PORT: 0, LOG_LEVEL: 'warn', OUTBOX_RELAY_ENABLED: false }), {
    consume: false,
    schedule: false,
  });
  const db = service.kit.db as Knex;
  try {
    const seedStarted = performance.now();
    const seeded = await seedCourse(db, enrollments);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const tz = 'Europe/Paris';
    const to = dayIn(new Date(), tz);
    const range = { from: addDays(to, -364), to, tz };
    const url = `${service.url}/internal/reports/courses/${BENCH_COURSE}?from=${range.from}&to=${range.to}&tz=${encodeURIComponent(tz)}`;
    const headers = { ...operationsHeaders(), 'x-actor-id': randomUUID(), 'x-actor-role': 'admin', accept: 'application/json' };
    let errors = 0;
    const viaService = async () => {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) errors += 1;
    };
    const direct = () => db.raw(directQuery, { ...range, course: BENCH_COURSE });
    const timed = async (work: () => Promise<unknown>) => {
      const latencies: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      }
      return latencies;
    };
    for (let i = 0; i < Math.min(20, requests); i++) await Promise.all([viaService(), direct()]);
    errors = 0;
    const load = await quiet(180_000);
    const directLatencies = await timed(direct);
    const serviceLatencies = await timed(viaService);
    return { enrollments, seeded, seedSeconds, requests, range, direct: directLatencies, service: serviceLatencies, errors, load };
  } finally {
    await service.stop();
    await scratch.drop();
  }
}

export interface IngestFigures {
  events: number;
  produceSeconds: number;
  /** From the first send to the last event's rows in the report tables. */
  ingestSeconds: number;
  /** The bare consumer: from its connect, and from its first record, to its last. */
  bareSeconds: number;
  bareReadSeconds: number;
}

const committedOffsets = async (admin: Admin, groupId: string, topics: readonly string[]) => {
  const committed = new Map<string, number>();
  for (const entry of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const partition of entry.partitions) committed.set(`${entry.topic}/${partition.partition}`, Number(partition.offset));
  }
  return committed;
};

/**
 * The topics the analytics service's own group reads (`xapi.statements` is the LRS sender's, in a
 * group of its own).
 */
const liveTopics = () => consumerGroupsOf(processSpec('analytics'))[0]!.topics;

/**
 * Waits until the analytics service's group has read every topic it reads to its end: the ingest
 * is timed on an idle consumer, not one still reading a backlog (another bench's records, say).
 */
async function liveCaughtUp(admin: Admin, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ends = await endOffsets(admin, liveTopics());
    const committed = await committedOffsets(admin, LIVE_GROUP, liveTopics());
    if ([...ends].every(([key, { high }]) => (committed.get(key) ?? -1) >= high)) return;
    if (Date.now() > deadline)
      throw new Error(`the ${LIVE_GROUP} group did not catch up with its topics within ${timeoutMs / 1000} s (is the service running?)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `count` enrollments of a course no course service knows, each `enrollment.created` then one
 * `lesson.completed` (keyed by the enrollment, so in order), dated two days ago: old enough that no
 * mail goes out for them, and no real person is concerned.
 */
async function produce(kafka: Kafka, codec: Codec, courseId: string, count: number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const at = Date.now() - 2 * 86_400_000;
    for (let sent = 0; sent < count; sent += 500) {
      const pairs = Array.from({ length: Math.min(500, count - sent) }, () => {
        const enrollment = { enrollmentId: randomUUID(), studentId: randomUUID(), courseId };
        const options = { service: 'bench', key: enrollment.enrollmentId, context: newContext() };
        return [
          eventRecord(
            'enrollment.created',
            { eventId: randomUUID(), occurredAt: at, ...enrollment, version: 1, enrolledAt: at, source: 'free', orderId: null },
            options,
          ),
          eventRecord(
            'lesson.completed',
            { eventId: randomUUID(), occurredAt: at + 60_000, ...enrollment, version: 2, lessonId: randomUUID(), completedAt: at + 60_000, percent: 10 },
            options,
          ),
        ] as const;
      });
      const messages = async (index: 0 | 1) =>
        Promise.all(
          pairs.map(async (pair) => {
            const record = pair[index];
            return { key: record.key, value: await codec.encode(record.subject, record.value as object), headers: record.headers };
          }),
        );
      await producer.sendBatch({
        acks: -1,
        topicMessages: [
          { topic: 'enrollment.created', messages: await messages(0) },
          { topic: 'lesson.completed', messages: await messages(1) },
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * (b) Ingest: `events` events (half enrollment.created, half lesson.completed) produced to Kafka,
 * timed from the first send until the running analytics service's tables hold all of them,
 * beside a bare kafkajs consumer reading and decoding the same records.
 */
export async function ingestFigures(events = 10_000): Promise<IngestFigures> {
  const logger = createLogger({ service: 'bench-ingest', level: 'warn' });
  const kafka = createKafka({ clientId: 'bench-ingest', brokers: env.kafkaBrokers, logger });
  const codec = createCodec({ registryUrl: env.registryUrl });
  const db = createDb({ url: analyticsDatabaseUrl(), poolMax: 2 });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const pairs = Math.ceil(events / 2);
    await liveCaughtUp(admin, 900_000);
    const starts = await endOffsets(admin, INGEST_TOPICS);
    const courseId = randomUUID();
    const t0 = performance.now();
    await produce(kafka, codec, courseId, pairs);
    const produceSeconds = (performance.now() - t0) / 1000;
    for (;;) {
      const { rows } = (await db.raw(
        `select (select count(*) from enrollments where course_id = :course and enrolled_at is not null) as enrolled,
                (select count(*) from lesson_completions where course_id = :course) as lessons`,
        { course: courseId },
      )) as { rows: { enrolled: string; lessons: string }[] };
      if (Number(rows[0]!.enrolled) >= pairs && Number(rows[0]!.lessons) >= pairs) break;
      if (performance.now() - t0 > 900_000)
        throw new Error(`the analytics tables hold ${rows[0]!.enrolled} and ${rows[0]!.lessons} of ${pairs} after 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const ingestSeconds = (performance.now() - t0) / 1000;
    const ends = await endOffsets(admin, INGEST_TOPICS);
    const bare = await readBare(kafka, codec, INGEST_TOPICS, ends, starts);
    return { events: pairs * 2, produceSeconds, ingestSeconds, bareSeconds: bare.seconds, bareReadSeconds: bare.readSeconds };
  } finally {
    await admin.disconnect();
    await db.destroy();
  }
}
