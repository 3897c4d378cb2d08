import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import type { AppError } from '@smartcourse/platform';
import { lrsClient } from '../src/statements/lrs.js';
import { statementOf, voidingStatementOf, type LearningRecord, type Statement } from '../src/statements/statement.js';
import { env } from '../../../test/support/env.js';

/**
 * The LRS client against the real Ralph of the profile (scripts/servers/ralph.ts): what it stores
 * is read back through its own xAPI API, and its refusals come back as our error codes. No mock.
 */

const platformUrl = 'https://courses.example';
const lrs = lrsClient({ ...env.lrs, batchSize: 50 });
const authorization = `Basic ${Buffer.from(`${env.lrs.username}:${env.lrs.password}`).toString('base64')}`;

async function statementsAt(query: Record<string, string>): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${env.lrs.url}/statements?${new URLSearchParams(query).toString()}`, {
    headers: { authorization, 'x-experience-api-version': '1.0.3' },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { statements: Record<string, unknown>[] }).statements;
}

/** The statement as Ralph holds it, without what the LRS adds on storing (`stored`, `authority`). */
async function held(id: string): Promise<Record<string, unknown> | undefined> {
  const [statement, ...more] = await statementsAt({ statementId: id });
  expect(more).toHaveLength(0);
  if (!statement) return undefined;
  const { stored, authority, ...sent } = statement;
  expect(typeof stored).toBe('string');
  expect(authority).toBeDefined();
  return sent;
}

/** The ids of the statements Ralph holds of one learner. */
async function heldOf(actorId: string): Promise<string[]> {
  const agent = JSON.stringify({ objectType: 'Agent', account: { homePage: platformUrl, name: actorId } });
  return (await statementsAt({ agent })).map((statement) => String(statement.id)).sort();
}

function learner() {
  const actorId = randomUUID();
  const course = randomUUID();
  const registration = randomUUID();
  const record = (verb: LearningRecord['verb'], object: LearningRecord['object'], extra: Partial<LearningRecord> = {}): Statement =>
    statementOf(platformUrl, { eventId: randomUUID(), actorId, verb, object, course, registration, timestamp: new Date(), ...extra });
  return { actorId, course, record, lesson: () => record('completed', { kind: 'lesson', id: randomUUID() }) };
}

async function refusalOf(storing: Promise<void>): Promise<AppError> {
  const error = await storing.then(
    () => undefined,
    (thrown: unknown) => thrown as AppError,
  );
  if (!error) throw new Error('the LRS took statements it should have refused');
  return error;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the LRS client against Ralph', () => {
  it('stores the statement of every verb and the voiding one, which Ralph gives back as sent', async () => {
    const { actorId, course, record } = learner();
    const statements = [
      statementOf(platformUrl, { eventId: randomUUID(), actorId, verb: 'registered', object: { kind: 'course', id: course }, timestamp: new Date() }),
      record('completed', { kind: 'lesson', id: randomUUID() }, { completion: true }),
      record('passed', { kind: 'quiz', id: randomUUID() }, { score: { raw: 8, max: 10 }, success: true }),
      record('failed', { kind: 'assignment', id: randomUUID() }, { score: { raw: 3, max: 20 }, success: false }),
      record('earned', { kind: 'certificate', id: randomUUID() }),
    ];
    const voiding = voidingStatementOf(platformUrl, { erasureEventId: randomUUID(), statementId: statements[1]!.id, at: new Date() });

    await lrs.store(statements);
    await lrs.store([voiding]);

    for (const statement of [...statements, voiding]) expect(await held(statement.id)).toEqual(JSON.parse(JSON.stringify(statement)));
    expect(await heldOf(actorId)).toEqual(statements.map((statement) => statement.id).sort());
  });

  it('stores nothing new when the same batch comes again', async () => {
    const { actorId, lesson } = learner();
    const batch = [lesson(), lesson()];

    await lrs.store(batch);
    await lrs.store(batch);

    expect(await heldOf(actorId)).toEqual(batch.map((statement) => statement.id).sort());
  });

  it('stores the new statements of a batch that also holds one Ralph has', async () => {
    const { actorId, lesson } = learner();
    const old = lesson();
    const fresh = [lesson(), lesson()];
    await lrs.store([old]);

    await lrs.store([old, ...fresh]);

    expect(await heldOf(actorId)).toEqual([old, ...fresh].map((statement) => statement.id).sort());
  });

  it('sends a statement repeated in one batch once (Ralph refuses a batch naming an id twice)', async () => {
    const { actorId, lesson } = learner();
    const statement = lesson();

    await lrs.store([statement, statement]);

    expect(await heldOf(actorId)).toEqual([statement.id]);
  });

  it("refuses an invalid statement as STATEMENT_REJECTED with Ralph's reason, and Ralph keeps none of its batch", async () => {
    const { actorId, lesson } = learner();
    const valid = lesson();
    const invalid = { ...lesson(), id: 'not-a-uuid' };

    const error = await refusalOf(lrs.store([valid, invalid]));

    expect(error.code).toBe('STATEMENT_REJECTED');
    expect(error.retriable).toBe(false);
    expect(error.details).toMatchObject({ lrsStatus: 422, statementIds: [valid.id, 'not-a-uuid'] });
    expect((error.details as { lrsReason: string }).lrsReason).toContain('body.1.id: Input should be a valid UUID');
    expect(await heldOf(actorId)).toEqual([]);
  });

  it('stores the new statements of a batch with an id Ralph holds with other content, and refuses only that one', async () => {
    const { actorId, lesson } = learner();
    const kept = lesson();
    await lrs.store([kept]);
    const changed: Statement = { ...kept, result: { completion: false } };
    const fresh = lesson();

    const error = await refusalOf(lrs.store([changed, fresh]));

    expect(error.code).toBe('STATEMENT_REJECTED');
    expect(error.details).toMatchObject({ lrsStatus: 409, statementIds: [kept.id] });
    expect((error.details as { lrsReason: string }).lrsReason).toContain('already exists with the same ID');
    expect(await heldOf(actorId)).toEqual([kept.id, fresh.id].sort());
  });

  it('waits (retriable LRS_UNAVAILABLE) when Ralph refuses the credentials', async () => {
    const { actorId, lesson } = learner();
    const wrong = lrsClient({ ...env.lrs, password: `${env.lrs.password}-wrong`, batchSize: 50 });

    const error = await refusalOf(wrong.store([lesson()]));

    expect(error.code).toBe('LRS_UNAVAILABLE');
    expect(error.retriable).toBe(true);
    expect(error.message).toContain('401');
    expect(await heldOf(actorId)).toEqual([]);
  });

  it('waits (retriable LRS_UNAVAILABLE) when no LRS answers', async () => {
    const { lesson } = learner();
    const stopped = lrsClient({ ...env.lrs, url: `http://127.0.0.1:${await closedPort()}/xAPI`, batchSize: 50 });

    const error = await refusalOf(stopped.store([lesson()]));

    expect(error.code).toBe('LRS_UNAVAILABLE');
    expect(error.retriable).toBe(true);
  });
});
