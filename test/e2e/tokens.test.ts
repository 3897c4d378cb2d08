import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { newUser } from '../support/http.js';
import { usePlatform } from '../support/platform.js';
import { startProcess, type RunningProcess } from '../support/processes.js';

const retired = 'a-retired-signing-key-still-verifying-0001';
const current = 'the-current-signing-key-for-new-tokens-0002';
let rotated: RunningProcess;
let userId: string;

usePlatform();
beforeAll(async () => {
  userId = (await newUser('Rotation')).id;
  // A gateway after a key rotation: `current` signs new tokens, `retired` still verifies old ones.
  rotated = await startProcess('gateway', {
    port: 3030,
    env: { GATEWAY_PORT: '3030', JWT_KEYS: `retired:${retired},current:${current}`, JWT_ACTIVE_KID: 'current' },
  });
}, 180_000);
afterAll(async () => {
  await rotated?.stop();
});

async function token(options: { kid: string; secret: string; issuer?: string; audience?: string; type?: string; notBefore?: number; jti?: boolean }) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'student', type: options.type ?? 'access' })
    .setProtectedHeader({ alg: 'HS256', kid: options.kid })
    .setSubject(userId)
    .setIssuer(options.issuer ?? 'smartcourse')
    .setAudience(options.audience ?? 'smartcourse-api')
    .setIssuedAt(now)
    .setNotBefore(options.notBefore ?? now)
    .setExpirationTime(now + 600);
  if (options.jti !== false) jwt.setJti(randomUUID());
  return jwt.sign(new TextEncoder().encode(options.secret));
}

const me = async (jwt: string) => (await fetch('http://127.0.0.1:3030/api/users/me', { headers: { authorization: `Bearer ${jwt}` } })).status;

describe('access token verification after a key rotation', () => {
  it('accepts tokens of the retired key until they expire, and of the current key', async () => {
    expect(await me(await token({ kid: 'retired', secret: retired }))).toBe(200);
    expect(await me(await token({ kid: 'current', secret: current }))).toBe(200);
  });

  it('refuses an unknown kid, a kid with another key’s signature, a wrong issuer, a future nbf, a non-access token and a missing jti', async () => {
    expect(await me(await token({ kid: 'gone', secret: retired }))).toBe(401);
    expect(await me(await token({ kid: 'current', secret: retired }))).toBe(401);
    expect(await me(await token({ kid: 'current', secret: current, issuer: 'someone-else' }))).toBe(401);
    expect(await me(await token({ kid: 'current', secret: current, notBefore: Math.floor(Date.now() / 1000) + 600 }))).toBe(401);
    expect(await me(await token({ kid: 'current', secret: current, type: 'refresh' }))).toBe(401);
    expect(await me(await token({ kid: 'current', secret: current, jti: false }))).toBe(401);
  });
});
