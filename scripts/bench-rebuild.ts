import { randomUUID } from 'node:crypto';
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import {
  asError,
  createCodec,
  createDb,
  createKafka,
  createLogger,
  endOffsets,
  eventRecord,
  isTransient,
  newContext,
  rebuildReplica,
  type Codec,
  type EndOffsets,
} from '@smartcourse/platform';
import { enrollmentReplica } from '../services/course/src/enrollments/handlers.js';
import { env } from '../test/support/env.js';

export interface RebuildFigures {
  /** Records on the replica's topics, all replayed by both readers. */
  events: number;
  /** Records this run added to reach BENCH_REPLICA_EVENTS (0 once a run put them there). */
  added: number;
  /** The whole `rebuildReplica` call: shadow tables, replay, catch-up check, comparison, swap, drop. */
  rebuildSeconds: number;
  /** From the first record handled to the last. */
  replaySeconds: number;
  /** From the bare consumer's connect to its last record, and from its first record to its last. */
  consumerSeconds: number;
  consumerReadSeconds: number;
  outcome: string;
}

/**
 * The course service's `enrollments` replica, topped up with `enrollment.suspended` events: of the
 * replica's topics it is the one only the course service consumes (no notification, mail or
 * certificate follows), and there the handler only upserts the replica's row by enrollment id
 * (statusAfter, applyFacts). Each event is a new enrollment id of a new student in a course id that
 * no course has, so the course service keeps a suspended enrollment nobody can see: it gives no
 * access (mayStudy) and counts for no course (countsByCourse). The topic keeps its records forever,
 * and so does the replica: a run adds only what is missing to reach `target`.
 */
const SEED_TOPIC = 'enrollment.suspended';
const LIVE_GROUP = 'course';

const recordsIn = (ends: EndOffsets) => [...ends.values()].reduce((sum, { low, high }) => sum + high - low, 0);

async function topUp(kafka: Kafka, codec: Codec, count: number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const courseId = randomUUID();
    for (let sent = 0; sent < count; sent += 1000) {
      const batch = Array.from({ length: Math.min(1000, count - sent) }, () => {
        const enrollmentId = randomUUID();
        return eventRecord(
          SEED_TOPIC,
          { eventId: randomUUID(), occurredAt: Date.now(), enrollmentId, studentId: randomUUID(), courseId, version: 2, by: 'bench', reason: 'bench replica' },
          { service: 'bench', key: enrollmentId, context: newContext() },
        );
      });
      const messages = await Promise.all(
        batch.map(async (record) => ({ key: record.key, value: await codec.encode(record.subject, record.value as object), headers: record.headers })),
      );
      await producer.send({ topic: SEED_TOPIC, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Waits until the live group has committed every partition up to `ends`: a rebuild compares with what the live service read. */
async function liveCaughtUp(admin: Admin, topics: string[], ends: EndOffsets, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = new Map<string, number>();
    for (const entry of await admin.fetchOffsets({ groupId: LIVE_GROUP, topics })) {
      for (const partition of entry.partitions) committed.set(`${entry.topic}/${partition.partition}`, Number(partition.offset));
    }
    if ([...ends].every(([key, { high }]) => (committed.get(key) ?? -1) >= high)) return;
    if (Date.now() > deadline)
      throw new Error(
        `the live group ${LIVE_GROUP} did not read the replica's topics to their ends within ${timeoutMs / 1000} s (is the course service running?)`,
      );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A bare kafkajs consumer reading the topics from the start to `ends`, decoding every record with the platform's codec and doing nothing else. */
async function readBare(
  kafka: Kafka,
  codec: Codec,
  topics: string[],
  ends: EndOffsets,
): Promise<{ seconds: number; readSeconds: number; undecodable: number }> {
  const groupId = `bench-bare-reader-${randomUUID()}`;
  const pending = new Set(ends.keys());
  let first = 0;
  let undecodable = 0;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  const started = performance.now();
  await consumer.connect();
  try {
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}/${batch.partition}`;
        const end = ends.get(key)?.high;
        if (end === undefined || !pending.has(key)) return;
        first ||= performance.now();
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          try {
            await codec.decode(batch.topic, message.value);
          } catch (thrown) {
            // As the replay does: a record that never decodes is counted and passed, a transient fault stops the read.
            if (isTransient(asError(thrown))) throw thrown;
            undecodable += 1;
          }
        }
        if (Number(batch.lastOffset()) >= end - 1) {
          pending.delete(key);
          if (pending.size === 0) settle();
        }
      },
    });
    await done;
    const last = performance.now();
    return { seconds: (last - started) / 1000, readSeconds: (last - first) / 1000, undecodable };
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]);
    await admin.disconnect();
  }
}

/**
 * P3, replay and rebuild throughput: `sc rebuild course enrollments` as the kit runs it
 * (rebuildReplica, called in this process so the replay can be timed from its progress calls and
 * no tsx start-up is counted), over at least `target` records, beside a bare kafkajs consumer
 * reading the same topics from the start to the same end offsets with the same decoding and
 * concurrency (3 partitions at a time) and no handler. Never `--replace`: a replica that differs
 * stays as it is, and the outcome is printed.
 */
export async function rebuildFigures(target = 100_000): Promise<RebuildFigures> {
  const logger = createLogger({ service: 'bench-rebuild', level: 'warn' });
  const kafka = createKafka({ clientId: 'bench-rebuild', brokers: env.kafkaBrokers, logger });
  const codec = createCodec({ registryUrl: env.registryUrl });
  const db = createDb({ url: env.courseDatabaseUrl, poolMax: 2 });
  const topics = [...new Set(enrollmentReplica.listeners.map((listener) => listener.topic))];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const added = Math.max(0, target - recordsIn(await endOffsets(admin, topics)));
    if (added > 0) await topUp(kafka, codec, added);
    const ends = await endOffsets(admin, topics);
    // On the run that added them, the course service reads them first: about 600 a second on a 2-core VM.
    await liveCaughtUp(admin, topics, ends, 600_000);

    let first = 0;
    let last = 0;
    const rebuildStarted = performance.now();
    const report = await rebuildReplica(LIVE_GROUP, {
      kafka,
      codec,
      logger,
      db,
      databaseUrl: env.courseDatabaseUrl,
      replica: enrollmentReplica,
      liveGroup: LIVE_GROUP,
      onProgress: () => {
        last = performance.now();
        first ||= last;
      },
    });
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    // Dead-lettered records the replay skips count as read, as the bare reader reads them too.
    const read = Object.values(report.replayed).reduce((sum, count) => sum + count.handled + count.tombstones + count.undecodable + count.refused, 0);
    if (read !== recordsIn(ends)) throw new Error(`the rebuild read ${read} records, the topics held ${recordsIn(ends)}`);

    const bare = await readBare(kafka, codec, topics, ends);
    const skipped = Object.values(report.replayed).reduce((sum, count) => sum + count.undecodable, 0);
    if (bare.undecodable !== skipped) throw new Error(`the bare reader found ${bare.undecodable} undecodable records, the replay ${skipped}`);
    return {
      events: read,
      added,
      rebuildSeconds,
      replaySeconds: (last - first) / 1000,
      consumerSeconds: bare.seconds,
      consumerReadSeconds: bare.readSeconds,
      outcome: report.outcome,
    };
  } finally {
    await admin.disconnect();
    await db.destroy();
  }
}
