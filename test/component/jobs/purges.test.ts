import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { createDb, daysAgo, loadConfig, migrateService, type Knex, type ScheduledJob } from '@smartcourse/platform';
import { jobs as userJobs } from '../../../services/user/src/jobs.js';
import { configSchema as userConfigSchema } from '../../../services/user/src/config.js';
import { migrations as userMigrations } from '../../../services/user/migrations/index.js';
import { jobs as notificationJobs } from '../../../services/notification/src/jobs.js';
import { configSchema as notificationConfigSchema } from '../../../services/notification/src/config.js';
import { deliveryModel } from '../../../services/notification/src/deliveries/store.js';
import { inboxModels } from '../../../services/notification/src/inbox/store.js';
import { env } from '../../support/env.js';

const userConfig = loadConfig(userConfigSchema);
const notificationConfig = loadConfig(notificationConfigSchema);

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
const hoursAhead = (hours: number) => new Date(Date.now() + hours * 3_600_000);

async function runJob(table: readonly ScheduledJob[], name: string) {
  const found = table.find((job) => job.name === name);
  if (!found) throw new Error(`no job ${name}`);
  const { createLogger } = await import('@smartcourse/platform');
  return found.run({ logger: createLogger({ service: 'test', level: 'silent' }), signal: new AbortController().signal });
}

describe('purge jobs of the user service (real Postgres)', () => {
  let db: Knex;
  let userId: string;
  // A batch of 2 makes each purge take several bounded statements.
  const config = { ...userConfig, PURGE_BATCH_SIZE: 2 };

  beforeAll(async () => {
    db = createDb({ url: env.userDatabaseUrl, poolMax: 2 });
    await migrateService(db, userMigrations);
  });
  afterAll(() => db.destroy());

  beforeEach(async () => {
    userId = randomUUID();
    await db('users').insert({ id: userId, email: `purge-${userId}@example.test`, password_hash: 'x', full_name: 'Purge Test' });
  });

  const ids = async (table: string, column: string, where: Record<string, string>) =>
    (await db(table).where(where).select(column)).map((row: Record<string, unknown>) => String(row[column])).sort();

  it('deletes ended sessions with their refresh tokens and keeps live families whole', async () => {
    const retentionDays = config.SESSION_RETENTION_DAYS;
    const old = daysAgo(retentionDays + 1);
    const sessions = {
      revoked: randomUUID(),
      expired: randomUUID(),
      live: randomUUID(),
      recentlyRevoked: randomUUID(),
      expiredA: randomUUID(),
      expiredB: randomUUID(),
    };
    await db('sessions').insert([
      { id: sessions.revoked, user_id: userId, created_at: old, revoked_at: old },
      { id: sessions.expired, user_id: userId, created_at: old },
      { id: sessions.expiredA, user_id: userId, created_at: old },
      { id: sessions.expiredB, user_id: userId, created_at: old },
      { id: sessions.live, user_id: userId, created_at: old },
      { id: sessions.recentlyRevoked, user_id: userId, created_at: old, revoked_at: hoursAgo(1) },
    ]);
    const token = (session: string, expiresAt: Date, usedAt: Date | null = null) => ({
      token_hash: randomUUID(),
      session_id: session,
      user_id: userId,
      created_at: old,
      expires_at: expiresAt,
      used_at: usedAt,
    });
    await db('refresh_tokens').insert([
      token(sessions.revoked, hoursAhead(1)),
      token(sessions.expired, daysAgo(retentionDays + 0.5)),
      token(sessions.expiredA, daysAgo(retentionDays + 0.5)),
      token(sessions.expiredB, daysAgo(retentionDays + 0.5)),
      // A live family: a spent token (kept for reuse detection) and the current one.
      token(sessions.live, daysAgo(retentionDays + 0.5), old),
      token(sessions.live, hoursAhead(24)),
      token(sessions.recentlyRevoked, hoursAhead(1)),
    ]);

    const outcome = await runJob(userJobs(db, config), 'purge-sessions');

    expect(outcome.sessions).toBeGreaterThanOrEqual(4);
    expect(await ids('sessions', 'id', { user_id: userId })).toEqual([sessions.live, sessions.recentlyRevoked].sort());
    expect(await ids('refresh_tokens', 'session_id', { user_id: userId })).toEqual([sessions.live, sessions.live, sessions.recentlyRevoked].sort());
  });

  it('deletes reset and verification tokens and MFA challenges past retention, and keeps the rest', async () => {
    const tokenDays = config.CREDENTIAL_TOKEN_RETENTION_DAYS;
    const row = (label: string, expiresAt: Date) => ({
      token_hash: `${label}-${randomUUID()}`,
      user_id: userId,
      created_at: daysAgo(tokenDays + 2),
      expires_at: expiresAt,
    });
    for (const table of ['password_reset_tokens', 'email_verification_tokens']) {
      await db(table).insert([
        row('old', daysAgo(tokenDays + 1)),
        row('old', daysAgo(tokenDays + 1)),
        row('old', daysAgo(tokenDays + 1)),
        row('recent', hoursAgo(1)),
        row('live', hoursAhead(1)),
      ]);
    }
    const challenge = (label: string, expiresAt: Date) => ({ token_hash: `${label}-${randomUUID()}`, user_id: userId, expires_at: expiresAt });
    await db('mfa_challenges').insert([
      challenge('old', hoursAgo(config.MFA_CHALLENGE_RETENTION_HOURS + 1)),
      challenge('old', hoursAgo(config.MFA_CHALLENGE_RETENTION_HOURS + 2)),
      challenge('old', hoursAgo(config.MFA_CHALLENGE_RETENTION_HOURS + 3)),
      challenge('live', hoursAhead(0.1)),
    ]);

    const tokens = await runJob(userJobs(db, config), 'purge-credential-tokens');
    const challenges = await runJob(userJobs(db, config), 'purge-mfa-challenges');

    expect(tokens.passwordResetTokens).toBeGreaterThanOrEqual(3);
    expect(tokens.verificationTokens).toBeGreaterThanOrEqual(3);
    expect(challenges.mfaChallenges).toBeGreaterThanOrEqual(3);
    for (const table of ['password_reset_tokens', 'email_verification_tokens', 'mfa_challenges']) {
      const left = (await ids(table, 'token_hash', { user_id: userId })).map((hash) => hash.slice(0, hash.indexOf('-')));
      expect(left.filter((label) => label === 'old')).toEqual([]);
      expect(left.length).toBe(table === 'mfa_challenges' ? 1 : 2);
    }
  });

  it('deletes inbox rows and published outbox rows past retention, and keeps recent, unpublished and parked ones', async () => {
    const group = `purge-test-${randomUUID()}`;
    const aggregate = randomUUID();
    const inboxOld = daysAgo(config.INBOX_RETENTION_DAYS + 1);
    await db('inbox').insert([
      { consumer_group: group, message_id: 'old-1', processed_at: inboxOld },
      { consumer_group: group, message_id: 'old-2', processed_at: inboxOld },
      { consumer_group: group, message_id: 'old-3', processed_at: inboxOld },
      { consumer_group: group, message_id: 'recent', processed_at: hoursAgo(1) },
    ]);
    const outboxOld = hoursAgo(config.OUTBOX_RETENTION_HOURS + 1);
    const outboxRow = (label: string, publishedAt: Date | null, parkedAt: Date | null = null) => ({
      aggregate_id: aggregate,
      topic: 'purge.test',
      subject: label,
      record_key: aggregate,
      value: {},
      headers: {},
      created_at: outboxOld,
      published_at: publishedAt,
      parked_at: parkedAt,
    });
    await db('outbox').insert([
      outboxRow('old', outboxOld),
      outboxRow('old', outboxOld),
      outboxRow('old', outboxOld),
      outboxRow('recent', hoursAgo(1)),
      outboxRow('parked', null, outboxOld),
    ]);

    try {
      const inbox = await runJob(userJobs(db, config), 'purge-inbox');
      const outbox = await runJob(userJobs(db, config), 'purge-outbox');

      expect(inbox.inbox).toBeGreaterThanOrEqual(3);
      expect(outbox.outbox).toBeGreaterThanOrEqual(3);
      expect(await ids('inbox', 'message_id', { consumer_group: group })).toEqual(['recent']);
      expect(await ids('outbox', 'subject', { aggregate_id: aggregate })).toEqual(['parked', 'recent']);
    } finally {
      await db('outbox').where({ aggregate_id: aggregate }).delete();
    }
  });
});

describe('purge jobs of the notification service (real document store)', () => {
  let connection: mongoose.Connection;
  let deliveries: Awaited<ReturnType<typeof deliveryModel>>;
  let inbox: Awaited<ReturnType<typeof inboxModels>>;
  const config = { ...notificationConfig, PURGE_BATCH_SIZE: 2 };

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(env.mongoUrl, { dbName: `notification_purge_test_${randomUUID().slice(0, 8)}`, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    deliveries = await deliveryModel(connection);
    inbox = await inboxModels(connection);
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('deletes finished deliveries past retention with their claims, and keeps pending and recent ones', async () => {
    const old = daysAgo(config.DELIVERY_RETENTION_DAYS + 1);
    const delivery = (label: string, status: string, createdAt: Date) => ({
      key: `${label}-${randomUUID()}`,
      eventId: randomUUID(),
      userId: 'u1',
      channel: 'email',
      category: 'course',
      template: 't',
      link: '/',
      status,
      nextAttemptAt: createdAt,
      createdAt,
    });
    const created = await deliveries.insertMany([
      delivery('old', 'sent', old),
      delivery('old', 'failed', old),
      delivery('old', 'suppressed', old),
      delivery('pending', 'pending', old),
      delivery('recent', 'sent', hoursAgo(1)),
    ]);
    const claims = connection.model('DeliveryClaim');
    await claims.insertMany(created.map((row) => ({ key: `${row._id.toHexString()}:0`, deliveryId: row._id.toHexString(), at: row.createdAt })));

    const outcome = await runJob(notificationJobs({ deliveries, inbox }, config), 'purge-deliveries');

    expect(outcome.deliveries).toBe(3);
    expect((await deliveries.find({}).lean()).map((row) => row.key.split('-')[0]).sort()).toEqual(['pending', 'recent']);
    expect(await claims.countDocuments({})).toBe(2);
  });

  it("deletes inbox entries past retention but each person's latest, and keeps recent ones", async () => {
    const old = daysAgo(config.INBOX_ENTRY_RETENTION_DAYS + 1);
    const entry = (userId: string, seq: number, createdAt: Date) => ({
      userId,
      eventId: randomUUID(),
      seq,
      category: 'course',
      kind: 'k',
      title: 't',
      body: 'b',
      link: null,
      read: true,
      createdAt,
    });
    await inbox.entries.insertMany([
      entry('a', 1, old),
      entry('a', 2, old),
      entry('a', 3, old),
      entry('a', 4, old),
      entry('b', 1, old),
      entry('b', 2, hoursAgo(1)),
    ]);

    const outcome = await runJob(notificationJobs({ deliveries, inbox }, config), 'purge-inbox-entries');

    expect(outcome.inboxEntries).toBe(4);
    const left = (await inbox.entries.find({}).lean()).map((row) => `${row.userId}${row.seq}`).sort();
    expect(left).toEqual(['a4', 'b2']);
  });
});
