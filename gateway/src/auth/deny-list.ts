import type { Redis } from 'ioredis';
import { whenRedisAnswers } from '../edge/unavailable.js';
import type { AuthenticatedUser } from './tokens.js';

/**
 * Access tokens refused before they expire: one token (logout) by its `jti`, every token of a
 * session (logout, a revoked session) by its `sid`, or every token a user was issued before a
 * moment (deactivation, erasure). Each key lives only as long as the tokens it refuses could.
 * Without Redis nothing can be checked or recorded: 503, never a token let through unchecked.
 */
export interface DenyList {
  deny(entry: { tokenId?: string | undefined; sessionId?: string | undefined }, ttlSeconds: number): Promise<void>;
  /** Refuses the user's tokens issued at or before `sinceMs`. */
  denyUser(userId: string, sinceMs: number, ttlSeconds: number): Promise<void>;
  isDenied(user: AuthenticatedUser): Promise<boolean>;
}

const tokenKey = (id: string) => `denied:jti:${id}`;
const sessionKey = (id: string) => `denied:sid:${id}`;
const userKey = (id: string) => `denied:user:${id}`;
const NOT_RECORDED = 'The revocation cannot be recorded right now; try again.';

export function createDenyList(redis: Redis): DenyList {
  return {
    async deny({ tokenId, sessionId }, ttlSeconds) {
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const batch = redis.multi();
      if (tokenId) batch.set(tokenKey(tokenId), '1', 'EX', ttl);
      if (sessionId) batch.set(sessionKey(sessionId), '1', 'EX', ttl);
      await whenRedisAnswers(NOT_RECORDED, () => batch.exec());
    },
    async denyUser(userId, sinceMs, ttlSeconds) {
      await whenRedisAnswers(NOT_RECORDED, () => redis.set(userKey(userId), String(sinceMs), 'EX', Math.max(1, Math.ceil(ttlSeconds))));
    },
    async isDenied(user) {
      const keys = [tokenKey(user.tokenId), ...(user.sessionId ? [sessionKey(user.sessionId)] : [])];
      const [denied, userSince] = await whenRedisAnswers('Revoked tokens cannot be checked right now; try again.', () =>
        Promise.all([redis.exists(...keys), redis.get(userKey(user.userId))]),
      );
      return denied > 0 || (userSince !== null && user.issuedAt * 1000 <= Number(userSince));
    },
  };
}
