import { z } from 'zod';
import { developmentSecret } from '../config.js';

/**
 * HS256 key ring: `kid:secret` pairs separated by commas. The active kid signs; every kid in
 * the ring verifies, so a rotated-out key keeps verifying until its tokens expire.
 */
export type KeyRing = ReadonlyMap<string, Uint8Array>;

const MIN_SECRET_BYTES = 32;

export const keyRing = z.string().transform((value, ctx): KeyRing => {
  const ring = new Map<string, Uint8Array>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const separator = entry.indexOf(':');
    const kid = entry.slice(0, separator);
    const secret = new TextEncoder().encode(entry.slice(separator + 1));
    if (separator <= 0 || !/^[\w.-]+$/.test(kid)) {
      ctx.addIssue({ code: 'custom', message: 'each key must be "kid:secret"' });
      return z.NEVER;
    }
    if (secret.length < MIN_SECRET_BYTES) {
      ctx.addIssue({ code: 'custom', message: `secret of key ${kid} must be at least ${MIN_SECRET_BYTES} bytes` });
      return z.NEVER;
    }
    ring.set(kid, secret);
  }
  if (ring.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'at least one key is required' });
    return z.NEVER;
  }
  return ring;
});

/** Token settings shared by the signer (user service) and the verifier (gateway). */
export const tokenConfig = {
  JWT_KEYS: developmentSecret(
    keyRing,
    'local-1:local-development-signing-key-change-me-0001',
    "The access tokens' HS256 key ring, `kid:secret,kid2:secret2` (secrets of 32 bytes or more); every key verifies.",
  ),
  JWT_ACTIVE_KID: z.string().default('local-1').describe('The key of JWT_KEYS that signs new tokens.'),
  JWT_ISSUER: z.string().default('smartcourse').describe('The `iss` of access tokens.'),
  JWT_AUDIENCE: z.string().default('smartcourse-api').describe('The `aud` of access tokens.'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900).describe('Lifetime of an access token.'),
};

export interface TokenSettings {
  keys: KeyRing;
  activeKid: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

export function tokenSettings(config: {
  JWT_KEYS: KeyRing;
  JWT_ACTIVE_KID: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  ACCESS_TOKEN_TTL_SECONDS: number;
}): TokenSettings {
  if (!config.JWT_KEYS.has(config.JWT_ACTIVE_KID)) {
    throw new Error(`JWT_ACTIVE_KID: ${config.JWT_ACTIVE_KID} is not in JWT_KEYS`);
  }
  return {
    keys: config.JWT_KEYS,
    activeKid: config.JWT_ACTIVE_KID,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  };
}
