import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { latestSchema, parseSchema } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { env } from '../../support/env.js';
import { eventually } from '../../support/eventually.js';
import { uniqueEmail } from '../../support/http.js';
import { closeKafka, produceRaw, readTopic } from '../../support/kafka.js';
import { mailTo } from '../../support/mail.js';
import { usePlatform } from '../../support/platform.js';
import { sc, scJson } from '../../support/sc.js';

/**
 * `sc dlq` end to end: a poison record that real services dead-letter, mended upstream, then
 * redriven; its effect checked in the services' state; the redrive found in the history.
 */
usePlatform();

const course = createDb({ url: env.courseDatabaseUrl, poolMax: 1 });
afterAll(async () => {
  await course.destroy();
  await closeKafka();
});

interface Described {
  partition: number;
  offset: number;
  key: string | null;
  failure: {
    reason: string;
    error: string;
    code: string;
    sourceTopic: string;
    sourcePartition: number;
    sourceOffset: number;
    consumerGroup: string;
    attempts: number;
    failedAt: string;
  };
  headers: Record<string, string>;
  value: { decoded: true; recordName: string; schemaId: number; value: Record<string, unknown> } | { decoded: false; base64: string | null; why: string };
}
interface Page {
  topic: string;
  records: Described[];
}
interface Counts {
  topics: {
    topic: string;
    group: string;
    exists: boolean;
    records: number;
    partitions: { partition: number; start: number; end: number; records: number }[];
    newestFailureAt: string | null;
  }[];
}
interface Redrive {
  dryRun: boolean;
  count: number;
  targetTopics: string[];
  records: {
    from: { partition: number; offset: number };
    target: { topic: string; partition: number; offset: number };
    key: string | null;
    messageId: string | null;
    attempt: number;
  }[];
  earlier: { partition: number; offset: number; redriveId: string }[];
  undecodable: { partition: number; offset: number; why: string }[];
  recorded: { id: string; operator: string } | null;
}
interface History {
  redrives: {
    id: string;
    at: string;
    operator: string;
    deadLetterTopic: string;
    count: number;
    targetTopics: string[];
    records: { partition: number; offset: number; sourceTopic: string; key: string | null; messageId: string | null; attempt: number }[];
  }[];
}

/** Registers an Avro schema under a subject through the registry's Confluent API; answers its id. */
async function register(subject: string, schema: object): Promise<number> {
  const response = await fetch(`${env.registryUrl}/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!response.ok) throw new Error(`registering ${subject} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}

async function dlqEnd(topic: string): Promise<number> {
  const { topics } = await scJson<Counts>(['dlq', 'list']);
  return topics.find((t) => t.topic === topic)!.partitions[0]!.end;
}

/**
 * A service may first work through a backlog (mail for the events other runs left on the shared
 * broker): what it does with a new record can take a minute or two.
 */
const BACKLOG_MS = 150_000;

/** Waits for the dead letter of the record keyed `key` on a topic, written after offset `from`. */
async function deadLetterOf(group: string, key: string, from: number): Promise<Described> {
  const page = await eventually(
    () => scJson<Page>(['dlq', 'show', group, '--from', String(from)]),
    (found) => found.records.some((r) => r.key === key),
    BACKLOG_MS,
  );
  const found = page.records.find((r) => r.key === key);
  if (!found) throw new Error(`no dead letter keyed ${key} on ${group}.dlq after offset ${from}`);
  return found;
}

describe('sc dlq', () => {
  it('redrives a record whose schema was registered only after it was dead-lettered, and records the redrive', async () => {
    // Given: a user.registered event written with a schema id the registry does not know yet, as a
    // producer does that writes before its schema is registered. The registry numbers new schemas
    // in sequence: the probe's id + 1 is the next one it will give. (The probe is another record:
    // the registry answers a schema equal but for its docs with the subject's existing id.)
    const userId = randomUUID();
    const eventId = randomUUID();
    const email = uniqueEmail('Redriven');
    // The subject stays registered after the test: the records it leaves on user.registered carry
    // its schema id, and every later replay or rebuild of that topic must still decode them (with
    // the schema deleted, the replicas that handled them could never be rebuilt equal again).
    const subject = `sc-dlq-test-${randomUUID()}-value`;
    const schema = latestSchema('user.registered-value');
    const probeId = await register(subject, {
      type: 'record',
      name: 'Probe',
      namespace: 'smartcourse.tests',
      fields: [{ name: 'subject', type: 'string', doc: subject }],
    });
    const lateId = probeId + 1;
    const avro = parseSchema(schema).toBuffer({
      eventId,
      occurredAt: Date.now(),
      userId,
      email,
      fullName: 'Rita Redriven',
      role: 'student',
      emailVerified: false,
    });
    const header = Buffer.alloc(5);
    header.writeUInt32BE(lateId, 1);
    const poison = Buffer.concat([header, avro]);
    const from = await dlqEnd('notification.dlq');

    await produceRaw('user.registered', [
      {
        key: userId,
        value: poison,
        headers: { ce_id: eventId, ce_type: 'smartcourse.user.registered', ce_specversion: '1.0', ce_source: '/smartcourse/tests', correlation_id: eventId },
      },
    ]);

    // Then: the notification service dead-letters it, and `show` says why, with the original headers and bytes
    const letter = await deadLetterOf('notification', userId, from);
    expect(letter.failure).toMatchObject({
      reason: 'undecodable',
      code: 'UNDECODABLE_MESSAGE',
      sourceTopic: 'user.registered',
      consumerGroup: 'notification',
      attempts: 1,
    });
    expect(letter.failure.error).toContain(`schema id ${lateId} on user.registered is unknown to the registry`);
    expect(letter.headers).toMatchObject({ ce_id: eventId, correlation_id: eventId });
    expect(Object.keys(letter.headers).filter((name) => name.startsWith('dlq_'))).toEqual([]);
    expect(letter.value).toMatchObject({ decoded: false, base64: poison.toString('base64') });
    expect(await mailTo(email)).toHaveLength(0);

    // When: the schema is registered upstream (it gets the id the record carries) …
    expect(await register(subject, { ...schema, doc: `registered late ${subject}` })).toBe(lateId);
    const [mended] = (await scJson<Page>(['dlq', 'show', 'notification.dlq', '--offset', `0:${letter.offset}`])).records;
    expect(mended?.value).toMatchObject({ decoded: true, recordName: 'smartcourse.events.user.UserRegistered', schemaId: lateId, value: { userId, email } });

    // … and the operator redrives it
    const operator = `dlq-test ${randomUUID()}`;
    const dryRun = await scJson<Redrive>(['dlq', 'redrive', 'notification', '--offsets', `${letter.offset}-${letter.offset}`, '--dry-run'], {
      env: { SC_OPERATOR: operator },
    });
    expect(dryRun).toMatchObject({ dryRun: true, count: 1, recorded: null });
    const redriveStarted = Date.now();
    const redrive = await scJson<Redrive>(['dlq', 'redrive', 'notification', '--offsets', `${letter.offset}-${letter.offset}`], {
      env: { SC_OPERATOR: operator },
    });
    expect(redrive).toMatchObject({ dryRun: false, count: 1, targetTopics: ['user.registered'], earlier: [], undecodable: [], recorded: { operator } });
    expect(redrive.records).toEqual([
      {
        from: { partition: 0, offset: letter.offset },
        target: { topic: 'user.registered', partition: letter.failure.sourcePartition, offset: letter.failure.sourceOffset },
        key: userId,
        messageId: eventId,
        attempt: 1,
      },
    ]);

    // Then: the services handle it — the welcome mail goes out, the course service keeps the name
    await eventually(
      () => mailTo(email),
      (found) => found.length === 1,
      BACKLOG_MS,
    );
    await eventually(
      () => course('display_names').where({ user_id: userId }).first(),
      (row) => row?.full_name === 'Rita Redriven',
      BACKLOG_MS,
    );
    // … from a record back on its partition with the original key, value and headers plus the redrive's
    const copies = (await readTopic('user.registered')).filter((r) => r.key === userId);
    expect(copies).toHaveLength(2);
    const redriven = copies.find((r) => r.headers.redriven_from)!;
    expect(redriven.partition).toBe(letter.failure.sourcePartition);
    expect(redriven.raw?.equals(poison)).toBe(true);
    expect(redriven.headers).toEqual({ ...letter.headers, redrive_attempt: '1', redriven_from: `notification.dlq:0:${letter.offset}` });

    // … and the history has who, when and what
    const { redrives } = await scJson<History>(['dlq', 'history', '--topic', 'notification']);
    const entry = redrives.find((r) => r.id === redrive.recorded!.id);
    expect(entry).toMatchObject({ operator, deadLetterTopic: 'notification.dlq', count: 1, targetTopics: ['user.registered'] });
    expect(entry!.records).toEqual([
      {
        partition: 0,
        offset: letter.offset,
        sourceTopic: 'user.registered',
        sourcePartition: letter.failure.sourcePartition,
        sourceOffset: letter.failure.sourceOffset,
        key: userId,
        messageId: eventId,
        attempt: 1,
      },
    ]);
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(redriveStarted);

    // A second redrive of the same record is refused unless asked again; sent again, it changes nothing
    const refused = await sc(['dlq', 'redrive', 'notification', '--offsets', `${letter.offset}-${letter.offset}`, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`already redriven from notification.dlq: 0:${letter.offset}`);
    expect(refused.stderr).toContain('--again');
    const again = await scJson<Redrive>(['dlq', 'redrive', 'notification', '--offsets', `${letter.offset}-${letter.offset}`, '--again']);
    expect(again.records[0]?.attempt).toBe(2);
    expect(again.earlier.map((e) => e.redriveId)).toEqual([redrive.recorded!.id]);
    const third = await eventually(
      async () => (await readTopic('user.registered')).filter((r) => r.key === userId && r.headers.redrive_attempt === '2'),
      (found) => found.length === 1,
    );
    expect(third[0]!.headers.redriven_from).toBe(`notification.dlq:0:${letter.offset}`);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // room for a wrong second mail
    expect(await mailTo(email)).toHaveLength(1);
  }, 600_000);

  it('counts the dead letters and purges them up to an offset, a dry run first', async () => {
    const userId = randomUUID();
    const from = await dlqEnd('certificate.dlq');
    await produceRaw('user.registered', [{ key: userId, value: Buffer.from(`not avro ${userId}`), headers: { correlation_id: userId } }]);
    const letter = await deadLetterOf('certificate', userId, from);
    expect(letter.value).toMatchObject({ decoded: false, why: 'message on user.registered is not in Confluent Avro wire format' });

    const listed = (await scJson<Counts>(['dlq'])).topics.find((t) => t.topic === 'certificate.dlq')!;
    expect(listed.group).toBe('certificate');
    const [partition] = listed.partitions;
    expect(partition!.end).toBeGreaterThan(letter.offset);
    expect(listed.records).toBe(partition!.end - partition!.start);
    expect(Date.parse(listed.newestFailureAt!)).toBeGreaterThanOrEqual(Date.parse(letter.failure.failedAt));

    const before = letter.offset + 1;
    const dry = await scJson<{ executed: boolean; partitions: { partition: number; before: number; records: number }[]; deleted: number }>([
      'dlq',
      'purge',
      'certificate',
      '--before-offset',
      String(before),
    ]);
    expect(dry).toMatchObject({ executed: false, deleted: 0, partitions: [{ partition: 0, before, records: before - partition!.start }] });
    expect((await scJson<Page>(['dlq', 'show', 'certificate', '--offset', `0:${letter.offset}`])).records).toHaveLength(1);

    const done = await scJson<{ executed: boolean; deleted: number }>(['dlq', 'purge', 'certificate.dlq', '--before', `0:${before}`, '--execute']);
    expect(done).toMatchObject({ executed: true, deleted: before - partition!.start });
    const after = (await scJson<Counts>(['dlq', 'list'])).topics.find((t) => t.topic === 'certificate.dlq')!;
    expect(after.partitions[0]!.start).toBe(before);
    expect((await scJson<Page>(['dlq', 'show', 'certificate', '--offset', `0:${letter.offset}`])).records).toEqual([]);
  }, 300_000);

  it('names what is wrong: an unknown group, a malformed range, a purge past the end, no selection', async () => {
    const unknown = await sc(['dlq', 'show', 'nobody']);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([
      1,
      expect.stringContaining('sc: "nobody" is neither a dead-letter topic nor a consumer group with one (known: user, course'),
    ]);
    const malformed = await sc(['dlq', 'redrive', 'user', '--offsets', '7-3']);
    expect([malformed.code, malformed.stderr.trim()]).toEqual([1, 'sc: --offsets 7-3: FROM is after TO']);
    const unselected = await sc(['dlq', 'redrive', 'user']);
    expect([unselected.code, unselected.stderr.trim()]).toEqual([1, 'sc: say which records: --all or --offsets FROM-TO']);
    const end = await dlqEnd('user.dlq');
    const past = await sc(['dlq', 'purge', 'user', '--before-offset', String(end + 1000)]);
    expect([past.code, past.stderr.trim()]).toEqual([1, `sc: user.dlq partition 0 ends at offset ${end}: cannot purge before ${end + 1000}`]);
  });
});
