import type { Redis } from 'ioredis';
import { whenRedisAnswers } from '../edge/unavailable.js';
import type { AuthenticatedUser } from './tokens.js';

/**
 * Access tokens refused before they expire: one token (logout) by its `jti`, every token of a
 * session (logout, a revoked or reused session) by its `sid`, or every token a user was issued
 * before a moment (role change, deactivation, erasure). Each key lives only as long as the tokens
 * it refuses could. Without Redis nothing can be checked or recorded: 503, never a token let
 * through unchecked.
 *
 * The per-user moments are also kept in this process's memory. Their source of truth is the user
 * service's account events, which every gateway instance reads from one token lifetime back at
 * start: a Redis key lost (eviction, a restart without persistence) cannot bring a demoted
 * admin's old token back, since each instance still holds the moment itself. Redis carries the
 * moment between instances in the milliseconds before their own consumers see the event.
 */
export interface DenyList {
  deny(entry: { tokenId?: string | undefined; sessionId?: string | undefined }, ttlSeconds: number): Promise<void>;
  /** Refuses the user's tokens issued at or before `sinceMs`; a later moment already recorded stays. */
  denyUser(userId: string, sinceMs: number, ttlSeconds: number): Promise<void>;
  isDenied(user: AuthenticatedUser): Promise<boolean>;
}

const tokenKey = (id: string) => `denied:jti:${id}`;
const sessionKey = (id: string) => `denied:sid:${id}`;
const userKey = (id: string) => `denied:user:${id}`;
const NOT_RECORDED = 'The revocation cannot be recorded right now; try again.';

/** Sets KEYS[1] to ARGV[1] for ARGV[2] seconds unless it already holds a later moment. */
const KEEP_LATEST = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

/** The per-user moments of one access-token lifetime, in memory; expired ones are dropped as new ones come. */
function userMoments() {
  const moments = new Map<string, { sinceMs: number; expiresAtMs: number }>();
  return {
    keep(userId: string, sinceMs: number, ttlSeconds: number) {
      const now = Date.now();
      for (const [id, moment] of moments) if (moment.expiresAtMs <= now) moments.delete(id);
      const known = moments.get(userId);
      if (!known || known.sinceMs < sinceMs) moments.set(userId, { sinceMs, expiresAtMs: now + ttlSeconds * 1000 });
    },
    sinceMs(userId: string): number | undefined {
      const moment = moments.get(userId);
      return moment && moment.expiresAtMs > Date.now() ? moment.sinceMs : undefined;
    },
  };
}

export function createDenyList(redis: Redis): DenyList {
  const remembered = userMoments();
  const issuedBy = (user: AuthenticatedUser, sinceMs: number | null | undefined) =>
    sinceMs !== null && sinceMs !== undefined && user.issuedAt * 1000 <= sinceMs;
  return {
    async deny({ tokenId, sessionId }, ttlSeconds) {
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const batch = redis.multi();
      if (tokenId) batch.set(tokenKey(tokenId), '1', 'EX', ttl);
      if (sessionId) batch.set(sessionKey(sessionId), '1', 'EX', ttl);
      await whenRedisAnswers(NOT_RECORDED, () => batch.exec());
    },
    async denyUser(userId, sinceMs, ttlSeconds) {
      remembered.keep(userId, sinceMs, ttlSeconds);
      await whenRedisAnswers(NOT_RECORDED, () => redis.eval(KEEP_LATEST, 1, userKey(userId), String(sinceMs), String(Math.max(1, Math.ceil(ttlSeconds)))));
    },
    async isDenied(user) {
      if (issuedBy(user, remembered.sinceMs(user.userId))) return true;
      const keys = [tokenKey(user.tokenId), ...(user.sessionId ? [sessionKey(user.sessionId)] : [])];
      const [denied, userSince] = await whenRedisAnswers('Revoked tokens cannot be checked right now; try again.', () =>
        Promise.all([redis.exists(...keys), redis.get(userKey(user.userId))]),
      );
      return denied > 0 || issuedBy(user, userSince === null ? null : Number(userSince));
    },
  };
}
