import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { api, newUser, uniqueEmail } from '../support/http.js';
import { usePlatform } from '../support/platform.js';
import { activeSigningKey } from '../support/signing-key.js';

usePlatform();

const valid = () => ({ email: uniqueEmail('Bad'), password: 'a-perfectly-long-password', fullName: 'Valid Name' });
const fields = (body: { error: { details?: Array<{ path: string }> } }) => (body.error.details ?? []).map((d) => d.path);

describe('bad input at the edge', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const answer = await api('POST', '/api/auth/register', { body: '{"email": "a@b.c",' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('MALFORMED_JSON');
  });

  it('names missing fields, wrong types, over-long values and unknown fields', async () => {
    const missing = await api('POST', '/api/auth/register', { body: { email: uniqueEmail('Missing') } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    expect(fields(missing.body)).toEqual(expect.arrayContaining(['password', 'fullName']));

    const wrongType = await api('POST', '/api/auth/register', { body: { ...valid(), fullName: 42 } });
    expect(wrongType.status).toBe(400);
    expect(fields(wrongType.body)).toEqual(['fullName']);

    const tooLong = await api('POST', '/api/auth/register', { body: { ...valid(), fullName: 'x'.repeat(121) } });
    expect(tooLong.status).toBe(400);
    expect(fields(tooLong.body)).toEqual(['fullName']);

    const unknown = await api('POST', '/api/auth/register', { body: { ...valid(), role: 'admin' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'role', message: 'unknown field' }]);
  });

  it('writes nothing for a refused registration', async () => {
    const body = { ...valid(), extra: true };
    expect((await api('POST', '/api/auth/register', { body })).status).toBe(400);
    const login = await api('POST', '/api/auth/login', { body: { email: body.email, password: body.password } });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses an over-large body with 413', async () => {
    const answer = await api('POST', '/api/auth/register', { body: { ...valid(), fullName: 'x'.repeat(64 * 1024) } });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('validates profile changes before writing a command', async () => {
    const user = await newUser('Patch');
    const empty = await api('PATCH', '/api/users/me', { token: user.token, body: {} });
    expect(empty.status).toBe(400);
    const tooLong = await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'b'.repeat(2001) } });
    expect(tooLong.status).toBe(400);
    expect(fields(tooLong.body)).toEqual(['bio']);
  });

  it('answers a missing, forged, expired or foreign token with 401', async () => {
    const user = await newUser('Tokens');
    expect((await api('GET', '/api/users/me')).status).toBe(401);
    expect((await api('GET', '/api/users/me', { token: 'not-a-jwt' })).status).toBe(401);

    const [header, payload] = user.token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await api('GET', '/api/users/me', { token: none })).status).toBe(401);
    expect((await api('GET', '/api/users/me', { token: `${header}.${payload}.${'A'.repeat(43)}` })).status).toBe(401);

    const claims = { role: 'student', type: 'access' };
    const key = activeSigningKey();
    const otherKey = new TextEncoder().encode('some-other-signing-key-that-is-long-enough');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(user.id)
      .setIssuer('smartcourse')
      .setAudience('smartcourse-api')
      .setJti('forged')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(otherKey);
    expect((await api('GET', '/api/users/me', { token: forged })).status).toBe(401);

    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(user.id)
      .setIssuer('smartcourse')
      .setAudience('smartcourse-api')
      .setJti('expired')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(key.secret);
    const answer = await api('GET', '/api/users/me', { token: expired });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: 'The token has expired.' });

    const wrongAudience = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject(user.id)
      .setIssuer('smartcourse')
      .setAudience('someone-else')
      .setJti('aud')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key.secret);
    expect((await api('GET', '/api/users/me', { token: wrongAudience })).status).toBe(401);
  });

  it('answers unknown routes with the error envelope and keeps serving', async () => {
    const answer = await api('GET', '/api/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
    expect((await api('GET', '/health')).status).toBe(200);
  });
});
