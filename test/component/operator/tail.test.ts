import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCodec } from '@smartcourse/platform';
import type { DescribedRecord } from '../../../scripts/operator/records/decoded-record.js';
import { env } from '../../support/env.js';
import { closeKafka, produceRaw } from '../../support/kafka.js';
import { jsonLines, sc } from '../../support/sc.js';

/**
 * `sc tail` against the dev broker and registry. Records are made on course.deleted (a catalog
 * topic no service consumes) under a key of this run, so whatever else the topic holds, the
 * tail filtered by that key shows exactly what the test wrote.
 */

/** A line of `sc tail --json`: the CLI's own record description, its value read as an object. */
type Tailed = Omit<DescribedRecord, 'value'> & { value?: Record<string, unknown> };

const TOPIC = 'course.deleted';
const codec = createCodec({ registryUrl: env.registryUrl });
const courseId = randomUUID();
const events = [1, 2, 3].map((n) => ({ eventId: randomUUID(), occurredAt: Date.now(), courseId, instructorId: randomUUID(), by: `instructor-${n}` }));
const garbage = Buffer.from(`not avro ${randomUUID()}`);
const headersOf = (eventId: string) => ({
  ce_specversion: '1.0',
  ce_id: eventId,
  ce_type: `smartcourse.${TOPIC}`,
  ce_source: '/smartcourse/tests',
  traceparent: `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`,
  correlation_id: `tail-test-${eventId}`,
});
const sent = events.map((event) => ({ event, headers: headersOf(event.eventId) }));

async function tail(args: string[]): Promise<Tailed[]> {
  const run = await sc(['tail', ...args, '--json']);
  if (run.code !== 0) throw new Error(`sc tail ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return jsonLines<Tailed>(run.stdout);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // one send each, apart in time, so that --since can start between them
  for (const { event, headers } of sent) {
    await produceRaw(TOPIC, [{ key: courseId, value: await codec.encode(`${TOPIC}-value`, event), headers }]);
    await pause(50);
  }
  await produceRaw(TOPIC, [{ key: courseId, value: null, headers: { correlation_id: 'tail-test-tombstone' } }]);
  await produceRaw(TOPIC, [{ key: courseId, value: garbage, headers: { correlation_id: 'tail-test-garbage' } }]);
});
afterAll(async () => {
  await closeKafka();
});

describe('sc tail', () => {
  let all: Tailed[];
  beforeAll(async () => {
    all = await tail([TOPIC, '--from-beginning', '--key', courseId, '--exit-at-end']);
  });

  it('shows exactly the records of a key from the beginning, decoded, with their headers, then stops at the end', () => {
    expect(all.map((r) => r.status)).toEqual(['decoded', 'decoded', 'decoded', 'tombstone', 'undecodable']);
    for (const [i, { event, headers }] of sent.entries()) {
      const record = all[i]!;
      expect(record).toMatchObject({ topic: TOPIC, key: courseId, recordName: 'smartcourse.events.course.CourseDeleted', value: event, headers });
      expect(typeof record.schemaId).toBe('number');
      expect(Date.parse(record.timestamp)).toBeGreaterThan(Date.now() - 5 * 60_000);
    }
    // one key, one partition, in the order written
    expect(new Set(all.map((r) => r.partition)).size).toBe(1);
    const offsets = all.map((r) => Number(r.offset));
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);
  });

  it('shows a tombstone as such and an undecodable record with its error and bytes', () => {
    const [tombstone, undecodable] = all.slice(3);
    expect(tombstone).toMatchObject({ status: 'tombstone', key: courseId, headers: { correlation_id: 'tail-test-tombstone' } });
    expect(tombstone?.value).toBeUndefined();
    expect(undecodable).toMatchObject({ status: 'undecodable', error: { code: 'UNDECODABLE_MESSAGE' } });
    expect(undecodable?.error?.message).toContain('not in Confluent Avro wire format');
    expect(Buffer.from(undecodable?.raw ?? '', 'base64').equals(garbage)).toBe(true);
  });

  it('--offset P:O starts that partition at that offset', async () => {
    const second = all[1]!;
    const from = await tail([TOPIC, '--offset', `${second.partition}:${second.offset}`, '--key', courseId, '--exit-at-end']);
    expect(from.map((r) => r.offset)).toEqual(all.slice(1).map((r) => r.offset));
  });

  it('--since a time starts at the first record written at or after it; --since a duration reaches back from now', async () => {
    const since = await tail([TOPIC, '--since', all[1]!.timestamp, '--key', courseId, '--exit-at-end']);
    expect(since.map((r) => r.offset)).toEqual(all.slice(1).map((r) => r.offset));
    const lastHour = await tail([TOPIC, '--since', '1h', '--key', courseId, '--exit-at-end']);
    expect(lastHour.map((r) => r.offset)).toEqual(all.map((r) => r.offset));
  });

  it('--max N stops after N records even without --exit-at-end', async () => {
    const two = await tail([TOPIC, '--from-beginning', '--key', courseId, '--max', '2']);
    expect(two.map((r) => r.offset)).toEqual(all.slice(0, 2).map((r) => r.offset));
  });

  it('shows a dead letter with its raw bytes and error headers, decoded by its source topic where the bytes still decode', async () => {
    const key = randomUUID();
    const event = { eventId: randomUUID(), occurredAt: Date.now(), courseId: key, instructorId: randomUUID(), by: 'dead-letter-test' };
    const bytes = await codec.encode(`${TOPIC}-value`, event);
    const errorHeaders = (offset: string) => ({
      ce_id: event.eventId,
      dlq_reason: 'rejected',
      dlq_error: 'course not found',
      dlq_error_code: 'COURSE_NOT_FOUND',
      dlq_source_topic: TOPIC,
      dlq_source_partition: '0',
      dlq_source_offset: offset,
      dlq_consumer_group: 'user',
      dlq_attempts: '3',
      dlq_failed_at: new Date().toISOString(),
    });
    await produceRaw('user.dlq', [
      { key, value: bytes, headers: errorHeaders('7') },
      { key, value: garbage, headers: errorHeaders('8') },
    ]);

    const letters = await tail(['user.dlq', '--from-beginning', '--key', key, '--exit-at-end']);

    expect(letters).toHaveLength(2);
    const [decoded, undecodable] = letters;
    expect(decoded).toMatchObject({
      status: 'decoded',
      value: event,
      deadLetter: {
        reason: 'rejected',
        error: 'course not found',
        code: 'COURSE_NOT_FOUND',
        sourceTopic: TOPIC,
        sourcePartition: 0,
        sourceOffset: 7,
        consumerGroup: 'user',
        attempts: 3,
      },
    });
    expect(Buffer.from(decoded?.raw ?? '', 'base64').equals(bytes)).toBe(true);
    expect(undecodable).toMatchObject({ status: 'undecodable', deadLetter: { sourceOffset: 8 } });
    expect(Buffer.from(undecodable?.raw ?? '', 'base64').equals(garbage)).toBe(true);
  });

  it('without a start option shows only records written after it started', async () => {
    const key = randomUUID();
    const before = { eventId: randomUUID(), occurredAt: Date.now(), courseId: key, instructorId: randomUUID(), by: 'before-the-tail' };
    await produceRaw(TOPIC, [{ key, value: await codec.encode(`${TOPIC}-value`, before), headers: headersOf(before.eventId) }]);

    let finished = false;
    const running = sc(['tail', TOPIC, '--key', key, '--max', '1', '--json']).finally(() => (finished = true));
    // the tail says nothing until a record comes: write one every half second until it shows one
    const after: string[] = [];
    while (!finished && after.length < 60) {
      const event = { eventId: randomUUID(), occurredAt: Date.now(), courseId: key, instructorId: randomUUID(), by: 'after-the-tail' };
      await produceRaw(TOPIC, [{ key, value: await codec.encode(`${TOPIC}-value`, event), headers: headersOf(event.eventId) }]);
      after.push(event.eventId);
      await pause(500);
    }
    const run = await running;

    expect(run.code).toBe(0);
    const shown = jsonLines<Tailed>(run.stdout);
    expect(shown).toHaveLength(1);
    expect(after).toContain(shown[0]?.value?.eventId);
  });

  it('names an unknown topic and exits 1', async () => {
    const topic = `no-such-topic-${randomUUID()}`;
    const run = await sc(['tail', topic, '--from-beginning', '--exit-at-end', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`topic ${topic} does not exist`);
    expect(run.stdout).toBe('');
  });

  it('refuses a bad start option, naming it', async () => {
    const run = await sc(['tail', TOPIC, '--since', 'last tuesday']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--since "last tuesday"');
  });
});
