import type { Redis } from 'ioredis';
import type { AuthenticatedUser } from './tokens.js';

/**
 * Access tokens refused before they expire: one token (logout) by its `jti`, or every token of
 * a session (logout, a revoked session) by its `sid`. Each key lives only as long as the
 * tokens it refuses could.
 */
export interface DenyList {
  deny(entry: { tokenId?: string | undefined; sessionId?: string | undefined }, ttlSeconds: number): Promise<void>;
  isDenied(user: AuthenticatedUser): Promise<boolean>;
}

const tokenKey = (id: string) => `denied:jti:${id}`;
const sessionKey = (id: string) => `denied:sid:${id}`;

export function createDenyList(redis: Redis): DenyList {
  return {
    async deny({ tokenId, sessionId }, ttlSeconds) {
      const ttl = Math.max(1, Math.ceil(ttlSeconds));
      const batch = redis.multi();
      if (tokenId) batch.set(tokenKey(tokenId), '1', 'EX', ttl);
      if (sessionId) batch.set(sessionKey(sessionId), '1', 'EX', ttl);
      await batch.exec();
    },
    async isDenied(user) {
      const keys = [tokenKey(user.tokenId), ...(user.sessionId ? [sessionKey(user.sessionId)] : [])];
      return (await redis.exists(...keys)) > 0;
    },
  };
}
