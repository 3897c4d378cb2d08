import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { env } from '../support/env.js';
import { api, newUser, uniqueEmail, type Answer } from '../support/http.js';
import { closeKafka, everythingOnKafka } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';

const IP_MAX_FAILURES = 8;
const db = knex({ client: 'pg', connection: env.userDatabaseUrl });
/** Every token the tests see; none may appear on any topic. */
const secrets: string[] = [];

usePlatform({ env: { user: { LOGIN_IP_MAX_FAILURES: String(IP_MAX_FAILURES) } } });
afterAll(async () => {
  await closeKafka();
  await db.destroy();
});

/** A client address of its own per scenario (the gateway trusts X-Forwarded-For from loopback), so failure counts never mix. */
const freshIp = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

async function login(email: string, password: string, options: { ip?: string; userAgent?: string; mode?: 'cookie' } = {}) {
  const headers: Record<string, string> = {};
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  const answer = await api('POST', '/api/auth/login', { body: { email, password, ...(options.mode ? { mode: options.mode } : {}) }, headers });
  if (answer.body?.data?.accessToken) secrets.push(answer.body.data.accessToken);
  if (answer.body?.data?.refreshToken) secrets.push(answer.body.data.refreshToken);
  return answer;
}

async function refresh(refreshToken: string) {
  const answer = await api('POST', '/api/auth/refresh', { body: { refreshToken } });
  if (answer.body?.data?.refreshToken) secrets.push(answer.body.data.accessToken, answer.body.data.refreshToken);
  return answer;
}

const me = (token: string) => api('GET', '/api/users/me', { token });

/** The cookies a response sets, by name: value and attributes. */
function setCookies(answer: Answer): Map<string, { value: string; attributes: string[] }> {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of answer.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const [name, ...value] = pair!.split('=');
    cookies.set(name!, { value: decodeURIComponent(value.join('=')), attributes: attributes.map((a) => a.toLowerCase()) });
  }
  return cookies;
}

describe('refresh-token rotation', () => {
  it('rotates, and a reused refresh token ends the whole session', async () => {
    const user = await newUser('Rotate');
    const first = await login(user.email, user.password);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 86_400 });
    const r1: string = first.body.data.refreshToken;
    expect(Buffer.from(r1, 'base64url')).toHaveLength(32);
    const claims = JSON.parse(Buffer.from(first.body.data.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.sid).toEqual(expect.any(String));

    const second = await refresh(r1);
    expect(second.status).toBe(200);
    const r2: string = second.body.data.refreshToken;
    expect(r2).not.toBe(r1);
    expect((await me(second.body.data.accessToken)).status).toBe(200);

    const reused = await refresh(r1);
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('REFRESH_TOKEN_REUSED');
    const afterReuse = await refresh(r2);
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.body.error.code).toBe('INVALID_REFRESH_TOKEN');

    const stored = await db('refresh_tokens').where({ session_id: claims.sid }).select('token_hash');
    expect(stored.length).toBe(2);
    for (const row of stored) expect([r1, r2]).not.toContain(row.token_hash);
  });

  it('lets only one of two concurrent refreshes of the same token win', async () => {
    const user = await newUser('Race');
    const { refreshToken } = (await login(user.email, user.password)).body.data;
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 401]);
    const winner = answers.find((answer) => answer.status === 200)!;
    // The loser presented a spent token: the family, the winner's new token with it, is revoked.
    expect((await refresh(winner.body.data.refreshToken)).status).toBe(401);
  });

  it('refuses unknown refresh tokens and a refresh without any token', async () => {
    expect((await refresh('x'.repeat(43))).body.error.code).toBe('INVALID_REFRESH_TOKEN');
    expect((await api('POST', '/api/auth/refresh', { body: {} })).body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });
});

describe('logout and sessions', () => {
  it('logout refuses the same access token and its refresh token afterwards', async () => {
    const user = await newUser('Logout');
    const { accessToken, refreshToken } = (await login(user.email, user.password)).body.data;
    expect((await me(accessToken)).status).toBe(200);
    expect((await api('POST', '/api/auth/logout', { token: accessToken })).status).toBe(204);
    const refused = await me(accessToken);
    expect(refused.status).toBe(401);
    expect((await refresh(refreshToken)).status).toBe(401);
    expect((await api('POST', '/api/auth/logout', { token: accessToken })).status).toBe(401);
    // Other sessions of the same user are untouched.
    expect((await me(user.token)).status).toBe(200);
  });

  it('lists active sessions and revokes one of them', async () => {
    const user = await newUser('Sessions');
    const laptop = (await login(user.email, user.password, { userAgent: 'laptop-browser/1.0', ip: '203.0.113.7' })).body.data;
    const phone = (await login(user.email, user.password, { userAgent: 'phone-app/2.0' })).body.data;
    const listed = await api('GET', '/api/auth/sessions', { token: laptop.accessToken });
    expect(listed.status).toBe(200);
    const sessions: Array<{ id: string; userAgent: string; clientIp: string; current: boolean; createdAt: string; lastUsedAt: string }> = listed.body.data;
    // newUser logged in once too.
    expect(sessions).toHaveLength(3);
    const laptopSession = sessions.find((session) => session.userAgent === 'laptop-browser/1.0')!;
    const phoneSession = sessions.find((session) => session.userAgent === 'phone-app/2.0')!;
    expect(laptopSession).toMatchObject({ current: true, clientIp: '203.0.113.7' });
    expect(phoneSession.current).toBe(false);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);

    const stranger = await newUser('Stranger');
    const foreign = await api('DELETE', `/api/auth/sessions/${phoneSession.id}`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('SESSION_NOT_FOUND');

    expect((await api('DELETE', `/api/auth/sessions/${phoneSession.id}`, { token: laptop.accessToken })).status).toBe(204);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await me(phone.accessToken)).status).toBe(401);
    expect((await me(laptop.accessToken)).status).toBe(200);
    const after = (await api('GET', '/api/auth/sessions', { token: laptop.accessToken })).body.data as Array<{ id: string }>;
    expect(after.map((session) => session.id)).not.toContain(phoneSession.id);
    expect((await api('DELETE', `/api/auth/sessions/${phoneSession.id}`, { token: laptop.accessToken })).status).toBe(404);
  });
});

describe('login lockout and throttling', () => {
  /** Five wrong passwords, then the given password: what a guesser sees, status, body and Retry-After. */
  async function attack(email: string, rightPassword: string) {
    const ip = freshIp();
    const seen: Array<{ status: number; body: unknown; retryAfter: string | null }> = [];
    for (let i = 0; i < 5; i++) {
      const answer = await login(email, `wrong-password-${i}`, { ip });
      seen.push({ status: answer.status, body: answer.body, retryAfter: answer.headers.get('retry-after') });
    }
    const last = await login(email, rightPassword, { ip });
    seen.push({ status: last.status, body: last.body, retryAfter: last.headers.get('retry-after') });
    return seen;
  }

  it('locks an account after five failures, even against the right password, and an unknown email answers identically', async () => {
    const user = await newUser('Brute');
    const known = await attack(user.email, user.password);
    expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(known[0]!.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(known[5]!.body).toMatchObject({ error: { code: 'LOGIN_LOCKED' } });
    expect(Number(known[5]!.retryAfter)).toBeGreaterThan(890);

    const unknown = await attack(uniqueEmail('Nobody'), user.password);
    const comparable = (answers: typeof known) => answers.map(({ status, body, retryAfter }) => ({ status, body, retryAfter: retryAfter !== null }));
    expect(comparable(unknown)).toEqual(comparable(known));
    // Already-issued sessions are not affected by the lock.
    expect((await me(user.token)).status).toBe(200);
  });

  it('throttles a client IP that fails across many emails', async () => {
    const user = await newUser('Spray');
    const ip = freshIp();
    for (let i = 0; i < IP_MAX_FAILURES; i++) expect((await login(uniqueEmail('Sprayed'), 'guess-password', { ip })).status).toBe(401);
    const throttled = await login(user.email, user.password, { ip });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('LOGIN_THROTTLED');
    expect(throttled.headers.get('retry-after')).toBeTruthy();
    expect((await login(user.email, user.password, { ip: freshIp() })).status).toBe(200);
  });

  it('answers ACCOUNT_DEACTIVATED only after a correct password, and records the last login', async () => {
    const user = await newUser('Deactivated');
    expect((await db('users').where({ id: user.id }).first()).last_login_at).toBeInstanceOf(Date);
    await db('users').where({ id: user.id }).update({ status: 'deactivated' });
    expect((await login(user.email, 'not-the-password', { ip: freshIp() })).body.error.code).toBe('INVALID_CREDENTIALS');
    const refused = await login(user.email, user.password, { ip: freshIp() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_DEACTIVATED');
  });
});

describe('browser (cookie) mode', () => {
  it('keeps the refresh token in an httpOnly cookie and requires the CSRF header to use it', async () => {
    const user = await newUser('Cookie');
    const answer = await login(user.email, user.password, { mode: 'cookie' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.refreshToken).toBeUndefined();
    const cookies = setCookies(answer);
    const refreshCookie = cookies.get('sc_refresh')!;
    const csrfCookie = cookies.get('sc_csrf')!;
    secrets.push(refreshCookie.value, csrfCookie.value);
    expect(refreshCookie.attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/auth']));
    expect(csrfCookie.attributes).toEqual(expect.arrayContaining(['secure', 'samesite=strict']));
    expect(csrfCookie.attributes).not.toContain('httponly');
    expect(answer.body.data.csrfToken).toBe(csrfCookie.value);

    const cookie = `sc_refresh=${refreshCookie.value}; sc_csrf=${csrfCookie.value}`;
    const cookieRefresh = (headers: Record<string, string>) => api('POST', '/api/auth/refresh', { body: {}, headers: { cookie, ...headers } });
    const missing = await cookieRefresh({});
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CSRF_FAILED');
    expect((await cookieRefresh({ 'x-csrf-token': 'not-the-csrf-token' })).body.error.code).toBe('CSRF_FAILED');

    const rotated = await cookieRefresh({ 'x-csrf-token': csrfCookie.value });
    expect(rotated.status).toBe(200);
    expect(rotated.body.data.refreshToken).toBeUndefined();
    const next = setCookies(rotated);
    expect(next.get('sc_refresh')!.value).not.toBe(refreshCookie.value);
    expect(next.get('sc_refresh')!.attributes).toContain('httponly');
    secrets.push(rotated.body.data.accessToken, next.get('sc_refresh')!.value);
    // The old cookie is spent: showing it again is reuse.
    expect((await cookieRefresh({ 'x-csrf-token': csrfCookie.value })).body.error.code).toBe('REFRESH_TOKEN_REUSED');

    const again = await login(user.email, user.password, { mode: 'cookie' });
    const jar = setCookies(again);
    const session = `sc_refresh=${jar.get('sc_refresh')!.value}; sc_csrf=${jar.get('sc_csrf')!.value}`;
    const logoutWithout = await api('POST', '/api/auth/logout', { token: again.body.data.accessToken, headers: { cookie: session } });
    expect(logoutWithout.body.error.code).toBe('CSRF_FAILED');
    const loggedOut = await api('POST', '/api/auth/logout', {
      token: again.body.data.accessToken,
      headers: { cookie: session, 'x-csrf-token': jar.get('sc_csrf')!.value },
    });
    expect(loggedOut.status).toBe(204);
    expect(setCookies(loggedOut).get('sc_refresh')!.value).toBe('');
  });
});

describe('secrets stay off Kafka', () => {
  it('no access, refresh or CSRF token appears on any catalog topic', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const haystack = await everythingOnKafka();
    for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
  }, 120_000);
});
