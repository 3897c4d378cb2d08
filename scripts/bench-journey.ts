import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Partitioners, type Consumer, type Kafka } from 'kafkajs';
import { certificateIdOf, notificationChannel, processSpec } from '@smartcourse/contracts';
import { createCodec, createKafka, createLogger, type Codec } from '@smartcourse/platform';
import { env } from '../test/support/env.js';
import { api, newUser, type Answer } from '../test/support/http.js';
import { newAdmin, newInstructor } from '../test/support/people.js';
import { openStream } from '../test/support/sse.js';
import { breakdown, journeySteps, scrape } from './bench-breakdown.js';

/** Milliseconds from sending the POST, per journey. */
export interface Journey {
  answered: number;
  /** The Kafka timestamps of the records: when the relays sent them. */
  completedOnTopic: number;
  issuedOnTopic: number;
  notified: number;
}

export interface JourneyFigures {
  journeys: Journey[];
  /** Milliseconds from the first produce to the Redis message at the subscriber, per baseline journey. */
  hops: number[];
  /** Where the platform's time went, from the processes' histograms over its journeys. */
  steps: ReturnType<typeof breakdown>;
}

const WARM_UP = 3;

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A published course of the instructor without a quiz: two required lessons, so completing the second ends it. */
async function twoLessonCourse(token: string): Promise<{ courseId: string; first: string; last: string }> {
  const body = {
    title: `Bench journey ${randomUUID().slice(0, 8)}`,
    summary: 'Two lessons, no quiz.',
    level: 'beginner',
    language: 'en',
    priceCents: 0,
    currency: 'EUR',
  };
  const courseId = expectStatus(await api('POST', '/api/courses', { token, body }), 201, 'create course').body.data.id as string;
  const moduleId = expectStatus(await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Only' } }), 201, 'add module').body.data
    .id as string;
  const lesson = async (title: string) =>
    expectStatus(
      await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, {
        token,
        body: { title, kind: 'theory', durationMinutes: 5, required: true, body: { markdown: title } },
      }),
      201,
      'add lesson',
    ).body.data.id as string;
  const first = await lesson('First');
  const last = await lesson('Last');
  expectStatus(await api('POST', `/api/courses/${courseId}/publish`, { token }), 200, 'publish');
  return { courseId, first, last };
}

/** Enrolls once the course's publication has reached enrollment-progress (404 until then). */
async function enroll(token: string, courseId: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await api('POST', '/api/enrollments', { token, body: { courseId } });
    if (answer.status !== 404 || Date.now() > deadline) return expectStatus(answer, 201, 'enroll').body.data.id as string;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** When each key was first seen on the topics: a consumer reading them from the start, keys only (no decoding needed to match). */
async function watchTopics(kafka: Kafka, topics: string[]): Promise<{ consumer: Consumer; sentAt(key: string, timeoutMs: number): Promise<number> }> {
  const seen = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: `bench-journey-watch-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      if (message.key) seen.set(message.key.toString(), Number(message.timestamp));
    },
  });
  return {
    consumer,
    async sentAt(key, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!seen.has(key)) {
        if (Date.now() > deadline) throw new Error(`no record keyed ${key} on ${topics.join(', ')} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return seen.get(key) as number;
    },
  };
}

/** The platform's journeys, one after the other: the student completes the last lesson and waits for the certificate's notification on the stream. */
async function platformJourneys(kafka: Kafka, count: number): Promise<Journey[]> {
  const admin = await newAdmin();
  const instructor = await newInstructor(admin, 'BenchInstructor');
  const course = await twoLessonCourse(instructor.token);
  const watch = await watchTopics(kafka, ['enrollment.completed', 'certificate.issued']);
  const journeys: Journey[] = [];
  try {
    for (let n = 0; n < WARM_UP + count; n++) {
      const student = await newUser(`journey${n}`);
      const enrollmentId = await enroll(student.token, course.courseId);
      expectStatus(await api('POST', `/api/lessons/${course.first}/complete`, { token: student.token }), 200, 'complete the first lesson');
      const stream = await openStream({ token: student.token });
      try {
        // The opening unread count comes once the gateway listens on the student's channel.
        await stream.waitFor(() => stream.events('unread').length > 0);
        const link = `/certificates/${certificateIdOf(enrollmentId)}`;
        const sent = Date.now();
        expectStatus(await api('POST', `/api/lessons/${course.last}/complete`, { token: student.token }), 200, 'complete the last lesson');
        const answered = Date.now() - sent;
        const certificateNotice = () =>
          stream.events('notification').find((event) => event.data.notification.kind === 'certificate-issued' && event.data.notification.link === link);
        await stream.waitFor(() => certificateNotice() !== undefined, 30_000);
        const journey = {
          answered,
          completedOnTopic: (await watch.sentAt(enrollmentId, 10_000)) - sent,
          issuedOnTopic: (await watch.sentAt(certificateIdOf(enrollmentId), 10_000)) - sent,
          notified: certificateNotice()!.at - sent,
        };
        if (n >= WARM_UP) journeys.push(journey);
      } finally {
        stream.close();
      }
    }
    return journeys;
  } finally {
    await watch.consumer.disconnect();
  }
}

/** `promise`, or an error naming `what` once `ms` have passed: a lost message fails the run instead of hanging it. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The baseline: the platform path's transport alone. Three Kafka hops, as between gateway →
 * enrollment-progress → certificate → notification (enrollment.commands, enrollment.completed,
 * certificate.issued), each a kafkajs produce with acks=all to a topic of this run and a consumer
 * of its own group (the services' fetch settings) that decodes the record with the platform's
 * codec and encodes the next one; then the Redis publish → subscribe hop from the notification
 * service to the gateway. No database, no outbox, no HTTP: what is left of the platform's time
 * above this is the services' work.
 */
async function baselineJourneys(kafka: Kafka, codec: Codec, count: number): Promise<number[]> {
  const run = `bench-hops-${randomUUID().slice(0, 8)}`;
  const topics = [1, 2, 3].map((hop) => `${run}-${hop}`);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const publisher = new Redis(env.redisUrl);
  // No ready check: on a reconnect its INFO would meet the connection already in subscriber mode and fail.
  const subscriber = new Redis(env.redisUrl, { enableReadyCheck: false });
  const consumers: Consumer[] = [];
  const arrived = new Map<string, () => void>();
  const channel = notificationChannel(randomUUID());
  const send = async (topic: string, enrollmentId: string) =>
    producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: enrollmentId,
          value: await codec.encode('enrollment.completed-value', {
            eventId: randomUUID(),
            occurredAt: Date.now(),
            enrollmentId,
            studentId: randomUUID(),
            courseId: randomUUID(),
            version: 3,
            completedAt: Date.now(),
            scorePercent: null,
          }),
        },
      ],
    });
  try {
    await producer.connect();
    // Without a listener an error event (a reconnect's ready check, say) is thrown out of the process.
    for (const connection of [publisher, subscriber]) connection.on('error', (error: Error) => process.stderr.write(`baseline redis: ${error.message}\n`));
    await subscriber.subscribe(channel);
    subscriber.on('message', (_channel: string, text: string) => arrived.get(text)?.());
    for (const [hop, topic] of topics.entries()) {
      const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 100 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachMessage: async ({ message }) => {
          const { value } = await codec.decode('enrollment.completed', message.value);
          const enrollmentId = value.enrollmentId as string;
          const next = topics[hop + 1];
          if (next) await send(next, enrollmentId);
          else await publisher.publish(channel, enrollmentId);
        },
      });
    }
    const hops: number[] = [];
    for (let n = 0, lost = 0; n < WARM_UP + count; n++) {
      const enrollmentId = randomUUID();
      const done = new Promise<void>((resolve) => arrived.set(enrollmentId, resolve));
      const sent = performance.now();
      await send(topics[0]!, enrollmentId);
      try {
        await within(done, 10_000, `baseline journey ${n} did not reach the Redis subscriber`);
      } catch (error) {
        // A publish while the subscriber reconnects is lost (pub/sub keeps nothing): that journey again, a few times at most.
        if ((lost += 1) > 3) throw error;
        process.stderr.write(`${(error as Error).message}; measured again\n`);
        n -= 1;
        continue;
      }
      if (n >= WARM_UP) hops.push(performance.now() - sent);
    }
    return hops;
  } finally {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
    publisher.disconnect();
    subscriber.disconnect();
    await admin.deleteTopics({ topics });
    await admin.deleteGroups(topics.map((topic) => `${topic}-reader`));
    await admin.disconnect();
  }
}

/**
 * P4, learning latency: from sending `POST /api/lessons/{id}/complete` of a course's last lesson
 * (through the gateway, as a student) to the `certificate-issued` notification arriving on the
 * student's `GET /api/notifications/stream`, over `count` journeys one at a time (a fresh student
 * each, enrolled in one two-lesson course without a quiz, the first lesson done and the stream open
 * before the clock starts), with the HTTP answer and the moments enrollment.completed and
 * certificate.issued were sent. Beside it, in the same run, the path's bare hops (baselineJourneys).
 */
export async function journeyFigures(count = 50): Promise<JourneyFigures> {
  const logger = createLogger({ service: 'bench-journey', level: 'warn' });
  const kafka = createKafka({ clientId: 'bench-journey', brokers: env.kafkaBrokers, logger });
  const codec = createCodec({ registryUrl: env.registryUrl });
  const hops = await baselineJourneys(kafka, codec, count);
  const processes = Object.fromEntries(
    ['enrollment-progress', 'certificate', 'notification'].map((name) => [name, `http://127.0.0.1:${processSpec(name).port}`]),
  );
  const before = await scrape(processes);
  const journeys = await platformJourneys(kafka, count);
  return { journeys, hops, steps: breakdown(before, await scrape(processes), journeySteps) };
}
