import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { env, repoRoot } from '../../../test/support/env.js';
import { closeKafka, decode, readTopic } from '../../../test/support/kafka.js';
import { createDb, migrate, type Knex } from '../src/db/postgres.js';
import { AppError, type FieldIssue } from '../src/errors.js';
import { createCodec } from '../src/kafka/codec.js';
import { newContext } from '../src/kafka/headers.js';
import { createProducer, type OutgoingRecord, type Producer } from '../src/kafka/producer.js';
import { eventRecord } from '../src/kafka/records.js';
import { createLogger } from '../src/logger.js';
import { createMetrics, type Metrics } from '../src/metrics.js';
import { platformMigrations } from '../src/outbox/migration.js';
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from '../src/outbox/relay.js';
import { appendToOutbox, countUnpublished, listParked, unpark } from '../src/outbox/store.js';
import { sleep } from '../src/retry.js';

const admin = createDb({ url: env.userDatabaseUrl });
const kafka = new Kafka({ clientId: 'outbox-faults-test', brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING });
const codec = createCodec({ registryUrl: env.registryUrl });
const logger = createLogger({ service: 'test', level: 'silent' });
const databases: Array<{ name: string; db: Knex }> = [];
const producers: Producer[] = [];
const relays: OutboxRelay[] = [];
const children: ChildProcess[] = [];

/** Each test gets its own database: gauges count every row, and the relay lock is per database. */
async function freshDatabase(poolMax?: number): Promise<{ db: Knex; name: string; url: string }> {
  const name = `outbox_faults_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin.raw(`create database ${name}`);
  const url = new URL(env.userDatabaseUrl);
  url.pathname = `/${name}`;
  const db = createDb({ url: url.toString(), poolMax });
  databases.push({ name, db });
  await migrate(db, platformMigrations);
  return { db, name, url: url.toString() };
}

async function connectedProducer(): Promise<Producer> {
  const producer = createProducer({ kafka, codec });
  producers.push(producer);
  await producer.connect();
  return producer;
}

function startRelay(options: Omit<OutboxRelayOptions, 'logger'>): OutboxRelay {
  const relay = createOutboxRelay({ logger, pollIntervalMs: 50, ...options });
  relays.push(relay);
  relay.start();
  return relay;
}

async function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(value)})`);
    await sleep(everyMs);
  }
}

/** A metric's value as the process exports it (the first series: these have no labels, or one topic). */
async function metricValue(metrics: Metrics, name: string): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values[0]?.value;
}

const profileEvent = (userId: string, fullName: string): OutgoingRecord =>
  eventRecord(
    'user.profile_updated',
    { eventId: randomUUID(), occurredAt: Date.now(), userId, fullName, bio: null },
    { service: 'test', key: userId, context: newContext() },
  );

/** The fullName of every record on user.profile_updated under a key, in partition order. */
async function publishedNames(key: string): Promise<string[]> {
  const names: string[] = [];
  for (const record of (await readTopic('user.profile_updated')).filter((r) => r.key === key)) {
    names.push((await decode<{ fullName: string }>(record)).fullName);
  }
  return names;
}

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await Promise.all(producers.map((producer) => producer.stop()));
  for (const { name, db } of databases) {
    await db.destroy();
    // with (force): a killed relay's backend may still be on its way out.
    await admin.raw(`drop database if exists ${name} with (force)`);
  }
  await admin.destroy();
  await closeKafka();
});

describe('the outbox under faults', () => {
  it('refuses a record that does not match its schema when it is appended, naming the field', async () => {
    const { db } = await freshDatabase();
    const good = randomUUID();
    const bad = randomUUID();
    const badRecord: OutgoingRecord = {
      ...profileEvent(bad, 'unused'),
      // fullName missing, occurredAt a string where the schema has a long
      value: { eventId: randomUUID(), occurredAt: 'yesterday', userId: bad, bio: null },
    };

    const error = await db
      .transaction(async (trx) => {
        await appendToOutbox(trx, good, [profileEvent(good, 'fine')]);
        await appendToOutbox(trx, bad, [badRecord]);
      })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_RECORD' });
    const paths = ((error as AppError).details as FieldIssue[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['occurredAt', 'fullName']));
    expect((error as AppError).message).toContain('fullName');
    // The good record of the same transaction went with it.
    const [counted] = await db('outbox').count<{ count: string }[]>({ count: '*' });
    expect(Number(counted?.count)).toBe(0);
  });

  it('parks a row that can never be published and publishes the rows after it', async () => {
    const { db } = await freshDatabase();
    const [before, broken, after] = [randomUUID(), randomUUID(), randomUUID()];
    await db.transaction((trx) => appendToOutbox(trx, before, [profileEvent(before, 'before the bad row')]));
    // Written around appendToOutbox, as a bug or a hand edit would: no fullName.
    const template = profileEvent(broken, 'unused');
    const [inserted] = await db('outbox')
      .insert({
        aggregate_id: broken,
        topic: template.topic,
        subject: template.subject,
        record_key: broken,
        value: JSON.stringify({ eventId: randomUUID(), occurredAt: Date.now(), userId: broken, bio: null }),
        headers: JSON.stringify(template.headers),
      })
      .returning<Array<{ id: string }>>('id');
    const badId = String(inserted?.id);
    await db.transaction((trx) => appendToOutbox(trx, after, [profileEvent(after, 'after the bad row')]));

    const metrics = createMetrics('test');
    const relay = startRelay({ db, producer: await connectedProducer(), metrics, gaugeIntervalMs: 100 });
    await waitFor(
      'the good rows to be published',
      () => countUnpublished(db),
      (n) => n === 0,
    );
    const badRow = await waitFor(
      'the bad row to be parked',
      () => db('outbox').where({ id: badId }).first<{ parked_at: Date | null; published_at: Date | null; error: string | null }>(),
      (row) => row?.parked_at != null,
    );

    expect(await publishedNames(before)).toEqual(['before the bad row']);
    expect(await publishedNames(after)).toEqual(['after the bad row']);
    expect(await publishedNames(broken)).toEqual([]);
    expect(badRow.published_at).toBeNull();
    expect(badRow.error).toMatch(/^INVALID_RECORD: .*fullName/);

    const parked = await listParked(db);
    expect(parked).toEqual([expect.objectContaining({ id: badId, aggregateId: broken, topic: 'user.profile_updated', key: broken })]);
    expect(parked[0]?.error).toBe(badRow.error);
    await waitFor(
      'the parked gauge to show the row',
      () => metricValue(metrics, 'outbox_parked'),
      (v) => v === 1,
    );
    expect(await metricValue(metrics, 'outbox_backlog')).toBe(0);
    expect(await metricValue(metrics, 'outbox_parked_total')).toBe(1);

    // Back in line; it is still bad, so the relay parks it again.
    expect(await unpark(db, badId)).toBe(true);
    relay.wake();
    await waitFor(
      'the row to be parked again',
      () => metricValue(metrics, 'outbox_parked_total'),
      (v) => v === 2,
    );
    const reparked = await db('outbox').where({ id: badId }).first<{ parked_at: Date | null; published_at: Date | null }>();
    expect(reparked?.published_at).toBeNull();
    expect(reparked?.parked_at?.getTime()).toBeGreaterThan(badRow.parked_at!.getTime());
    expect(await unpark(db, '999999999')).toBe(false);
    expect(await publishedNames(broken)).toEqual([]);
  });

  it('keeps the backlog gauge moving while Kafka is down', async () => {
    const { db } = await freshDatabase();
    // Nobody listens on port 1: every connection attempt is refused.
    const deadKafka = new Kafka({
      clientId: 'outbox-faults-dead',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      // the least an idempotent producer accepts
      retry: { retries: 1, initialRetryTime: 50 },
    });
    const producer = createProducer({ kafka: deadKafka, codec });
    producers.push(producer);
    await expect(producer.connect()).rejects.toThrow(/ECONNREFUSED/);

    const metrics = createMetrics('test');
    const gaugeIntervalMs = 200;
    const relay = startRelay({ db, producer, metrics, gaugeIntervalMs, lockTimeoutMs: 1000 });
    await sleep(300); // the relay has failed at least once and is backing off

    const aggregate = randomUUID();
    const rows = 7;
    for (let i = 0; i < rows; i++) await db.transaction((trx) => appendToOutbox(trx, aggregate, [profileEvent(aggregate, `row-${i}`)]));
    const appendedAt = Date.now();
    await waitFor(
      'the backlog gauge to count the rows',
      () => metricValue(metrics, 'outbox_backlog'),
      (v) => v === rows,
      2 * gaugeIntervalMs,
      10,
    );
    expect(Date.now() - appendedAt).toBeLessThanOrEqual(2 * gaugeIntervalMs);
    expect(await countUnpublished(db)).toBe(rows);

    const stoppingAt = Date.now();
    await relay.stop();
    // Bounded by the relay's backoff between attempts (at most 10 s), not by Kafka.
    expect(Date.now() - stoppingAt).toBeLessThan(11_000);
    expect(await countUnpublished(db)).toBe(rows);
  });

  it('caps a batch in bytes', async () => {
    const { db } = await freshDatabase();
    const aggregate = randomUUID();
    const rows = 12;
    const records = Array.from({ length: rows }, (_, i) => profileEvent(aggregate, `${String(i).padStart(2, '0')}:${'x'.repeat(120_000)}`));

    // The premise: the broker refuses all of them in one batch (one partition, ~1.4 MB over its ~1 MB limit).
    const probeKafka = new Kafka({ clientId: 'outbox-faults-probe', brokers: env.kafkaBrokers, logLevel: logLevel.NOTHING });
    const probe = createProducer({ kafka: probeKafka, codec, ordered: false });
    producers.push(probe);
    await probe.connect();
    await expect(probe.send(records)).rejects.toThrow(/larger than the max message size/);

    for (const record of records) await db.transaction((trx) => appendToOutbox(trx, aggregate, [record]));
    const producer = await connectedProducer();
    const sent: number[] = [];
    // Watches the real producer: each send that the broker acknowledged, by its number of records.
    const watched: Producer = {
      ...producer,
      async send(batch) {
        await producer.send(batch);
        sent.push(batch.length);
      },
    };
    const metrics = createMetrics('test');
    startRelay({ db, producer: watched, metrics });
    await waitFor(
      'the large rows to be published',
      () => countUnpublished(db),
      (n) => n === 0,
      30_000,
    );

    // 4 rows of ~120 KB fit in 512 KiB; a 5th would not. No batch was refused and split one by one.
    expect(sent).toEqual([4, 4, 4]);
    expect(await metricValue(metrics, 'outbox_parked_total')).toBeUndefined();
    const names = await publishedNames(aggregate);
    expect(names.map((name) => name.slice(0, 2))).toEqual(Array.from({ length: rows }, (_, i) => String(i).padStart(2, '0')));
    expect(names.every((name) => name.length === 3 + 120_000)).toBe(true);
  });

  it('keeps per-aggregate order for concurrent writers', async () => {
    const writers = 20;
    const { db } = await freshDatabase(writers + 5);
    await db.raw('create table commit_log (label text primary key, at timestamptz not null default clock_timestamp())');
    const aggregate = randomUUID();

    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        db.transaction(async (trx) => {
          await appendToOutbox(trx, aggregate, [profileEvent(aggregate, `writer-${i}`)]);
          await sleep(Math.random() * 40);
          // The last statement before commit: its time orders the commits.
          await trx.raw('insert into commit_log (label) values (?)', [`writer-${i}`]);
        }),
      ),
    );
    const commitOrder = (await db('commit_log').orderBy('at').select<Array<{ label: string }>>('label')).map((row) => row.label);
    expect(commitOrder).toHaveLength(writers);

    startRelay({ db, producer: await connectedProducer(), metrics: createMetrics('test') });
    await waitFor(
      'the writers’ rows to be published',
      () => countUnpublished(db),
      (n) => n === 0,
    );
    expect(await publishedNames(aggregate)).toEqual(commitOrder);
  });

  it('a hung relay loses the relay lock after its lock timeout', async () => {
    const { db, name, url } = await freshDatabase();
    const aggregate = randomUUID();
    const rows = 3000;
    await db.transaction((trx) =>
      appendToOutbox(
        trx,
        aggregate,
        Array.from({ length: rows }, (_, i) => profileEvent(aggregate, `row-${i}`)),
      ),
    );

    const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/test/fixtures/outbox-relay.ts'], {
      cwd: repoRoot,
      env: { ...process.env, OUTBOX_DATABASE_URL: url, KAFKA_BROKERS: env.kafkaBrokers.join(','), SCHEMA_REGISTRY_URL: env.registryUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('relay started') && resolve());
      child.on('exit', (code, signal) => reject(new Error(`relay fixture exited (${code ?? signal}): ${stderr}`)));
    });
    await waitFor(
      'the fixture to publish some rows',
      () => countUnpublished(db),
      (n) => n < rows - 20,
      30_000,
    );

    // RELAY_LOCK is one bigint key: classid holds its high 32 bits, objid the low ones, objsubid 1.
    const lockHolder = async () => {
      const { rows: holders } = await db.raw<{ rows: Array<{ pid: number }> }>(
        `select l.pid from pg_locks l join pg_database d on d.oid = l.database
          where l.locktype = 'advisory' and l.classid = 0 and l.objid = ? and l.objsubid = 1 and l.granted and d.datname = ?`,
        [0x5c_0b_0c, name],
      );
      return holders[0]?.pid;
    };
    let frozenAt = 0;
    let holder: number | undefined;
    for (let attempt = 0; attempt < 50 && holder === undefined; attempt++) {
      child.kill('SIGSTOP');
      frozenAt = Date.now();
      holder = await lockHolder();
      if (holder === undefined) {
        child.kill('SIGCONT');
        await sleep(Math.random() * 20);
      }
    }
    if (holder === undefined) throw new Error('the relay fixture never held the relay lock when frozen');

    await waitFor('the frozen relay to lose the lock', lockHolder, (pid) => pid === undefined, 8_000, 50);
    expect(Date.now() - frozenAt).toBeLessThan(5_000);
    // Its backend was terminated (idle in transaction too long), not left to commit.
    const { rows: backends } = await db.raw<{ rows: unknown[] }>('select 1 from pg_stat_activity where pid = ?', [holder]);
    expect(backends).toHaveLength(0);
    const left = await countUnpublished(db);
    expect(left).toBeGreaterThan(0);

    startRelay({ db, producer: await connectedProducer(), metrics: createMetrics('test') });
    await waitFor(
      'the standby to publish the rest',
      () => countUnpublished(db),
      (n) => n === 0,
      30_000,
    );
    child.kill('SIGKILL');

    // At least once: the row the frozen relay was sending may be on Kafka twice; in order otherwise.
    const names = await publishedNames(aggregate);
    const firstSeen = [...new Set(names)];
    expect(firstSeen).toEqual(Array.from({ length: rows }, (_, i) => `row-${i}`));
    expect(names.length - rows).toBeLessThanOrEqual(1);
  }, 90_000);
});
