import { afterAll, describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser, uniqueEmail } from '../support/http.js';
import { closeKafka, everythingOnKafka } from '../support/kafka.js';
import { mailedTokens, mailTo } from '../support/mail.js';
import { usePlatform } from '../support/platform.js';

const db = knex({ client: 'pg', connection: env.userDatabaseUrl });
/** Every password, token and link the tests see; none may appear on any topic. */
const secrets: string[] = [];

usePlatform();
afterAll(async () => {
  await closeKafka();
  await db.destroy();
});

const strongPassword = () => {
  const password = `new-secret-${Math.random().toString(36).slice(2)}-phrase`;
  secrets.push(password);
  return password;
};

async function registered(label: string) {
  const user = await newUser(label);
  secrets.push(user.password, user.token);
  return user;
}

/** A fresh session: access and refresh token. */
async function login(email: string, password: string) {
  const answer = await api('POST', '/api/auth/login', { body: { email, password } });
  if (answer.body?.data?.accessToken) secrets.push(answer.body.data.accessToken, answer.body.data.refreshToken);
  return answer;
}

const refresh = (refreshToken: string) => api('POST', '/api/auth/refresh', { body: { refreshToken } });
const me = (token: string) => api('GET', '/api/users/me', { token });
const forgot = (email: string) => api('POST', '/api/auth/password/forgot', { body: { email } });
const reset = (token: string, newPassword: string) => api('POST', '/api/auth/password/reset', { body: { token, newPassword } });
const change = (token: string, currentPassword: string, newPassword: string) =>
  api('POST', '/api/auth/password/change', { token, body: { currentPassword, newPassword } });

async function resetTokens(email: string, count = 1): Promise<string[]> {
  const tokens = await eventually(
    () => mailedTokens(email, '/reset-password'),
    (found) => found.length >= count,
  );
  expect(tokens.length).toBeGreaterThanOrEqual(count);
  secrets.push(...tokens);
  return tokens;
}

describe('password policy', () => {
  const register = (email: string, password: string) => api('POST', '/api/auth/register', { body: { email, password, fullName: 'Policy Test' } });

  it('refuses a password that is too short, counting code points, with a field detail', async () => {
    const short = await register(uniqueEmail('Short'), 'eleven-char');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('VALIDATION_ERROR');
    expect(short.body.error.details).toEqual([{ path: 'password', message: 'must be at least 12 characters' }]);
    // Eleven emoji are 22 UTF-16 units but eleven characters.
    expect((await register(uniqueEmail('Emoji'), '🔑'.repeat(11))).body.error.details).toEqual([
      { path: 'password', message: 'must be at least 12 characters' },
    ]);
    const emoji = await register(uniqueEmail('Emoji'), '🔑'.repeat(12));
    expect(emoji.status).toBe(201);
  });

  it('accepts 64 characters and more, up to 128, with no composition rules', async () => {
    expect((await register(uniqueEmail('Long'), 'a'.repeat(40) + 'b'.repeat(88))).status).toBe(201);
    const tooLong = await register(uniqueEmail('TooLong'), 'c'.repeat(129));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ path: 'password', message: 'must be at most 128 characters' }]);
  });

  it('refuses a common password', async () => {
    const common = await register(uniqueEmail('Common'), 'Qwerty123456');
    expect(common.status).toBe(400);
    expect(common.body.error.code).toBe('VALIDATION_ERROR');
    expect(common.body.error.details).toEqual([{ path: 'password', message: 'is too common' }]);
  });

  it('refuses the email address and its local part', async () => {
    const email = uniqueEmail('Itself');
    const same = await register(email, email.toUpperCase());
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([{ path: 'password', message: 'must not be your email address' }]);
    const local = await register(email, email.slice(0, email.indexOf('@')));
    expect(local.body.error.details).toEqual([{ path: 'password', message: 'must not be your email address' }]);
    // Nothing was created.
    expect(await db('users').where({ email: email.toLowerCase() }).first()).toBeUndefined();
  });
});

describe('forgotten password', () => {
  it('answers an unknown and a known email identically, and mails only the known one', async () => {
    const user = await registered('Forgot');
    const stranger = uniqueEmail('Nobody');
    const unknown = await forgot(stranger);
    const known = await forgot(user.email);
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect([...unknown.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());

    await resetTokens(user.email);
    expect(await mailTo(stranger)).toEqual([]);
    const row = await db('password_reset_tokens').where({ user_id: user.id }).first();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((row.expires_at.getTime() - row.created_at.getTime()) / 60_000).toBeCloseTo(30, 0);
  });

  it('resets once through the mailed link; the old password stops working and every session ends', async () => {
    const user = await registered('Reset');
    const other = (await login(user.email, user.password)).body.data;
    expect((await me(other.accessToken)).status).toBe(200);

    expect((await forgot(user.email)).status).toBe(202);
    const [token] = await resetTokens(user.email);
    const mail = (await mailTo(user.email)).find((message) => message.text.includes('/reset-password?token='))!;
    expect(mail.text).toContain(`http://127.0.0.1:3000/reset-password?token=${token}`);

    const weak = await reset(token!, 'password1234');
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ path: 'newPassword', message: 'is too common' }]);

    const newPassword = strongPassword();
    expect((await reset(token!, newPassword)).status).toBe(204);
    const second = await reset(token!, strongPassword());
    expect(second.status).toBe(400);
    expect(second.body.error.code).toBe('INVALID_TOKEN');

    expect((await login(user.email, user.password)).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await login(user.email, newPassword)).status).toBe(200);
    expect((await refresh(other.refreshToken)).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(401);
    expect((await me(user.token)).status).toBe(401);
  });

  it('refuses an expired or unknown reset token', async () => {
    const user = await registered('ResetExpired');
    await forgot(user.email);
    const [token] = await resetTokens(user.email);
    await db('password_reset_tokens')
      .where({ user_id: user.id })
      .update({ expires_at: db.raw(`now() - interval '1 second'`) });
    expect((await reset(token!, strongPassword())).body.error.code).toBe('INVALID_TOKEN');
    expect((await reset('B'.repeat(43), strongPassword())).body.error.code).toBe('INVALID_TOKEN');
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('mails an account at most once a minute, answering the same', async () => {
    const user = await registered('ForgotTwice');
    const first = await forgot(user.email);
    await resetTokens(user.email);
    const second = await forgot(user.email);
    expect(second.body).toEqual(first.body);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailedTokens(user.email, '/reset-password')).toHaveLength(1);
  });
});

describe('password change', () => {
  it('needs the current password and the policy', async () => {
    const user = await registered('ChangeCheck');
    const wrong = await change(user.token, 'not-my-password-at-all', strongPassword());
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const weak = await change(user.token, user.password, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ path: 'newPassword', message: 'must be at least 12 characters' }]);
    const itself = await change(user.token, user.password, user.email);
    expect(itself.body.error.details).toEqual([{ path: 'newPassword', message: 'must not be your email address' }]);
    expect((await api('POST', '/api/auth/password/change', { body: { currentPassword: 'x', newPassword: strongPassword() } })).status).toBe(401);
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('changes the password and ends every other session, keeping the caller’s', async () => {
    const user = await registered('Change');
    const mine = (await login(user.email, user.password)).body.data;
    const other = (await login(user.email, user.password)).body.data;

    const newPassword = strongPassword();
    expect((await change(mine.accessToken, user.password, newPassword)).status).toBe(204);

    expect((await me(mine.accessToken)).status).toBe(200);
    expect((await refresh(mine.refreshToken)).status).toBe(200);
    expect((await me(other.accessToken)).status).toBe(401);
    expect((await refresh(other.refreshToken)).status).toBe(401);
    expect((await login(user.email, user.password)).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await login(user.email, newPassword)).status).toBe(200);
  });
});

describe('secrets', () => {
  it('puts no password, token or link on any topic', async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const haystack = await everythingOnKafka();
    for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
    expect(haystack).not.toContain('reset-password?token=');
    expect(haystack).not.toContain('verify-email?token=');
  }, 120_000);
});
