import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandResult, UpdateProfile } from '@smartcourse/contracts';
import { startService, type BatchHandler, type Handler, type IncomingMessage, type Knex, type StartedService, loadConfig } from '@smartcourse/platform';
import { configSchema } from '../src/config.js';
import { userService } from '../src/service.js';
import { subscriptions } from '../src/subscriptions.js';
import { closeKafka, decode, readTopic } from '../../../test/support/kafka.js';
import { eventually } from '../../../test/support/eventually.js';
import { incoming } from '../../../test/support/messages.js';

const config = loadConfig(configSchema);

/**
 * The user service in this process against the real Postgres, Kafka and registry: its internal
 * API through a real port, its command handler called directly (no consumer runs).
 */
let service: StartedService;
let db: Knex;
let handle: Handler;
let handleBatch: BatchHandler;
const log = { info: () => undefined } as never;

beforeAll(async () => {
  service = await startService(userService({ ...config, USER_HTTP_PORT: 0, LOG_LEVEL: 'silent' }), { consume: false });
  db = service.kit.db as Knex;
  const [commands] = subscriptions({ service: 'user', group: 'user', db, relay: service.kit.relay! });
  handle = commands!.handle;
  handleBatch = commands!.handleBatch!;
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await closeKafka();
});

const internal = { 'x-internal-token': config.INTERNAL_API_TOKEN, 'content-type': 'application/json' };

async function register(label: string): Promise<string> {
  const response = await fetch(`${service.url}/internal/auth/register`, {
    method: 'POST',
    headers: internal,
    body: JSON.stringify({ email: `${label}-${randomUUID()}@example.test`, password: `a-long-enough-${randomUUID()}`, fullName: `Component ${label}` }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

function updateProfile(userId: string, actorId: string, fullName: string, commandId = randomUUID()): IncomingMessage {
  const value: UpdateProfile = {
    commandId,
    issuedAt: Date.now(),
    actor: { userId: actorId, role: 'student' },
    userId,
    fullName,
    bio: null,
    avatarFileId: null,
    clear: [],
  };
  return incoming('user.commands', 'smartcourse.commands.user.UpdateProfile', value, { key: userId, id: commandId });
}

const resultsOf = async (commandId: string) =>
  (await db('outbox').where({ topic: 'command.results', record_key: commandId }).orderBy('id')).map((row: { value: CommandResult }) => row.value);

describe('the user service, in process', () => {
  it('applies a profile change in one transaction: the row, the event, the result and the inbox entry', async () => {
    const userId = await register('Profile');
    const message = updateProfile(userId, userId, 'Grace Hopper');
    await handle(message, log);

    const row = await db('users').where({ id: userId }).first();
    expect(row.full_name).toBe('Grace Hopper');
    const events = await db('outbox').where({ aggregate_id: userId, topic: 'user.profile_updated' });
    expect(events).toHaveLength(1);
    expect(events[0].value).toMatchObject({ userId, fullName: 'Grace Hopper' });
    expect(await resultsOf(message.id)).toEqual([expect.objectContaining({ status: 'succeeded', commandType: 'UpdateProfile', aggregateId: userId })]);
    const inbox = await db('inbox').where({ consumer_group: 'user', message_id: message.id }).first();
    expect(inbox.result).toMatchObject({ commandId: message.id, status: 'succeeded' });

    const published = await eventually(
      async () => (await readTopic('user.profile_updated')).filter((r) => r.key === userId),
      (found) => found.length === 1,
    );
    expect(await decode(published[0]!)).toMatchObject({ userId, fullName: 'Grace Hopper' });
  });

  it('answers a redelivered command with its original result and changes nothing', async () => {
    const userId = await register('Redelivered');
    const message = updateProfile(userId, userId, 'First Name');
    await handle(message, log);
    await handle(message, log);

    expect(await db('outbox').where({ aggregate_id: userId, topic: 'user.profile_updated' })).toHaveLength(1);
    const results = await resultsOf(message.id);
    expect(results).toHaveLength(2);
    expect(results[1]).toEqual(results[0]);
  });

  it("refuses a change to another user's profile with a failed result and no event", async () => {
    const owner = await register('Owner');
    const intruder = await register('Intruder');
    const message = updateProfile(owner, intruder, 'Not Yours');
    await handle(message, log);

    expect((await db('users').where({ id: owner }).first()).full_name).toBe('Component Owner');
    expect(await db('outbox').where({ aggregate_id: owner, topic: 'user.profile_updated' })).toHaveLength(0);
    expect(await resultsOf(message.id)).toEqual([expect.objectContaining({ status: 'failed', errorCode: 'FORBIDDEN' })]);
  });

  it('handles the commands waiting in a partition in one transaction, each with its own result', async () => {
    const [first, second, third] = [await register('BatchA'), await register('BatchB'), await register('BatchC')];
    const accepted = updateProfile(first, first, 'Batch One');
    const refused = updateProfile(second, third, 'Not Yours');
    const alsoAccepted = updateProfile(third, third, 'Batch Three');
    await handleBatch([accepted, refused, alsoAccepted, accepted], log);

    expect((await db('users').where({ id: first }).first()).full_name).toBe('Batch One');
    expect((await db('users').where({ id: second }).first()).full_name).toBe('Component BatchB');
    expect((await db('users').where({ id: third }).first()).full_name).toBe('Batch Three');
    expect(await resultsOf(accepted.id)).toEqual([expect.objectContaining({ status: 'succeeded' }), expect.objectContaining({ status: 'succeeded' })]);
    expect(await resultsOf(refused.id)).toEqual([expect.objectContaining({ status: 'failed', errorCode: 'FORBIDDEN' })]);
    // The one delivered twice in the batch is applied once.
    expect(await db('outbox').where({ aggregate_id: first, topic: 'user.profile_updated' })).toHaveLength(1);
  });

  it('serves a user over the internal API only with the internal credential', async () => {
    const userId = await register('Reader');
    const refused = await fetch(`${service.url}/internal/users/${userId}`);
    expect(refused.status).toBe(401);
    const read = await fetch(`${service.url}/internal/users/${userId}`, { headers: { ...internal, 'x-actor-id': userId, 'x-actor-role': 'student' } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { id: string } }).data.id).toBe(userId);
  });
});
