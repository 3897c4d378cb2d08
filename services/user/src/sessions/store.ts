import { deleteRowsBatch, type Knex } from '@smartcourse/platform';
import type { FailureCount } from './rules.js';

type Db = Knex | Knex.Transaction;

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_used_at: Date;
  revoked_at: Date | null;
  user_agent: string | null;
  client_ip: string | null;
}

export interface RefreshTokenRow {
  token_hash: string;
  session_id: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertSession(db: Db, session: Pick<SessionRow, 'id' | 'user_id' | 'user_agent' | 'client_ip'>): Promise<void> {
  await db<SessionRow>('sessions').insert(session);
}

export async function insertRefreshToken(db: Db, token: Pick<RefreshTokenRow, 'token_hash' | 'session_id' | 'user_id' | 'expires_at'>): Promise<void> {
  await db<RefreshTokenRow>('refresh_tokens').insert(token);
}

/** The token row locked for the rest of the transaction: a concurrent rotation of the same token waits here. */
export async function lockRefreshToken(trx: Knex.Transaction, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  return trx<RefreshTokenRow>('refresh_tokens').where({ token_hash: tokenHash }).forUpdate().first();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db<SessionRow>('sessions').where({ id }).first();
}

export async function markTokenUsed(trx: Knex.Transaction, tokenHash: string, at: Date): Promise<void> {
  await trx<RefreshTokenRow>('refresh_tokens').where({ token_hash: tokenHash }).update({ used_at: at });
}

export async function touchSession(trx: Knex.Transaction, id: string, at: Date): Promise<void> {
  await trx<SessionRow>('sessions').where({ id }).update({ last_used_at: at });
}

/** Live sessions: not revoked, and refreshed recently enough that their last token has not expired. */
export async function listActiveSessions(db: Db, userId: string, usedSince: Date): Promise<SessionRow[]> {
  return db<SessionRow>('sessions').where({ user_id: userId }).whereNull('revoked_at').andWhere('last_used_at', '>', usedSince).orderBy('created_at', 'desc');
}

/** Revokes the matching live sessions and their unspent tokens; returns the ids it revoked. */
export async function revokeSessions(
  trx: Knex.Transaction,
  where: { userId: string; sessionId?: string; exceptSessionId?: string },
  at: Date,
): Promise<string[]> {
  const query = trx<SessionRow>('sessions').where({ user_id: where.userId }).whereNull('revoked_at');
  if (where.sessionId) query.andWhere({ id: where.sessionId });
  if (where.exceptSessionId) query.andWhereNot({ id: where.exceptSessionId });
  const revoked = await query.update({ revoked_at: at }).returning('id');
  const ids = revoked.map((row) => row.id);
  if (ids.length > 0) {
    await trx<RefreshTokenRow>('refresh_tokens').whereIn('session_id', ids).whereNull('used_at').whereNull('revoked_at').update({ revoked_at: at });
  }
  return ids;
}

interface FailureRow {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

const toCount = (row: FailureRow): FailureCount => ({ failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until });

export async function findFailures(db: Db, keys: string[]): Promise<Map<string, FailureCount>> {
  const rows = await db<FailureRow>('login_failures').whereIn('key', keys);
  return new Map(rows.map((row) => [row.key, toCount(row)]));
}

/** The key's count, locked for this transaction; a first failure creates the row so concurrent failures serialise on it. */
export async function lockFailures(trx: Knex.Transaction, key: string, now: Date): Promise<FailureCount> {
  await trx<FailureRow>('login_failures').insert({ key, failures: 0, window_started_at: now }).onConflict('key').ignore();
  const row = await trx<FailureRow>('login_failures').where({ key }).forUpdate().first();
  return toCount(row as FailureRow);
}

export async function saveFailures(trx: Knex.Transaction, key: string, count: FailureCount): Promise<void> {
  await trx<FailureRow>('login_failures')
    .where({ key })
    .update({ failures: count.failures, window_started_at: count.windowStartedAt, locked_until: count.lockedUntil });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db<FailureRow>('login_failures').where({ key }).delete();
}

/** Deletes every session and refresh token of a user (erasure: sessions hold user agents and IPs). */
export async function deleteUserSessions(trx: Knex.Transaction, userId: string): Promise<void> {
  await trx('refresh_tokens').where({ user_id: userId }).delete();
  await trx('sessions').where({ user_id: userId }).delete();
}

/**
 * Deletes at most `limit` ended sessions (refresh-token families) with their tokens: revoked
 * before `before`, or started before it with no refresh token valid at or after it. A live
 * family keeps its spent tokens, which reuse detection needs. Answers the sessions deleted.
 */
export function deleteEndedSessions(db: Knex, before: Date, limit: number): Promise<number> {
  return db.transaction(async (trx): Promise<number> => {
    const rows = await trx<SessionRow>('sessions as s')
      .select('s.id')
      .where((ended) =>
        ended
          .where('s.revoked_at', '<', before)
          .orWhere((expired) =>
            expired
              .where('s.created_at', '<', before)
              .whereNotExists(trx('refresh_tokens as t').whereRaw('t.session_id = s.id').andWhere('t.expires_at', '>=', before)),
          ),
      )
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx('refresh_tokens').whereIn('session_id', ids).delete();
    return await trx('sessions').whereIn('id', ids).delete();
  });
}

/** Deletes at most `limit` failed-login counters whose window began before `before` and that lock nothing now. */
export function deleteStaleLoginFailures(db: Knex, before: Date, limit: number): Promise<number> {
  return deleteRowsBatch(
    db,
    'login_failures',
    (q) => q.where('window_started_at', '<', before).andWhere((lock) => lock.whereNull('locked_until').orWhere('locked_until', '<', db.fn.now())),
    limit,
  );
}
