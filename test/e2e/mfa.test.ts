import { afterAll, describe, expect, it } from '@jest/globals';
import * as OTPAuth from 'otpauth';
import { api, newUser } from '../support/http.js';
import { closeKafka, everythingOnKafka } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';

usePlatform();
afterAll(async () => {
  await closeKafka();
});

/** What an authenticator app shows for the secret, `stepsAhead` periods from now. */
const appCode = (secret: string, stepsAhead = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + stepsAhead * 30_000,
  });

describe('TOTP multi-factor authentication', () => {
  it('enrols, challenges at login, refuses replays, takes recovery codes once, and turns off', async () => {
    const user = await newUser('Mfa');
    const secrets: string[] = [user.password, user.token];

    const setup = await api('POST', '/api/auth/mfa/setup', { token: user.token });
    expect(setup.status).toBe(201);
    const { secret, otpauthUri } = setup.body.data;
    expect(otpauthUri).toContain(`secret=${secret}`);
    secrets.push(secret);

    expect((await api('POST', '/api/auth/mfa/confirm', { token: user.token, body: { code: '000000' } })).status).toBe(401);
    const confirmed = await api('POST', '/api/auth/mfa/confirm', { token: user.token, body: { code: appCode(secret) } });
    expect(confirmed.status).toBe(200);
    const recoveryCodes: string[] = confirmed.body.data.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    secrets.push(...recoveryCodes);
    expect((await api('POST', '/api/auth/mfa/setup', { token: user.token })).body.error.code).toBe('MFA_ALREADY_ENABLED');

    const login = async () => {
      const answer = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toMatchObject({ mfaRequired: true });
      expect(answer.body.data.accessToken).toBeUndefined();
      return answer.body.data.challengeToken as string;
    };

    const challenge = await login();
    secrets.push(challenge);
    const wrong = await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: '123456' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_MFA_CODE');
    // The step used to confirm is spent: the next step's code (within the drift window) works.
    const replay = await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: appCode(secret) } });
    expect(replay.status).toBe(401);
    const passed = await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: appCode(secret, 1) } });
    expect(passed.status).toBe(200);
    expect(passed.body.data.accessToken).toBeTruthy();
    secrets.push(passed.body.data.accessToken);
    expect((await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: recoveryCodes[0] } })).body.error.code).toBe(
      'INVALID_MFA_CHALLENGE',
    );

    const second = await login();
    const byRecovery = await api('POST', '/api/auth/login/mfa', { body: { challengeToken: second, code: recoveryCodes[0]!.toUpperCase() } });
    expect(byRecovery.status).toBe(200);
    const third = await login();
    expect((await api('POST', '/api/auth/login/mfa', { body: { challengeToken: third, code: recoveryCodes[0] } })).status).toBe(401);

    const token = byRecovery.body.data.accessToken as string;
    expect((await api('POST', '/api/auth/mfa/disable', { token, body: { code: recoveryCodes[1] } })).status).toBe(204);
    const plain = await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } });
    expect(plain.body.data.accessToken).toBeTruthy();

    const haystack = await everythingOnKafka();
    for (const value of secrets) expect(haystack.includes(value)).toBe(false);
    expect(haystack).not.toContain('otpauth://');
  });

  it('stops a challenge after five wrong codes', async () => {
    const user = await newUser('MfaBrute');
    const { secret } = (await api('POST', '/api/auth/mfa/setup', { token: user.token })).body.data;
    await api('POST', '/api/auth/mfa/confirm', { token: user.token, body: { code: appCode(secret) } });
    const challenge = (await api('POST', '/api/auth/login', { body: { email: user.email, password: user.password } })).body.data.challengeToken;
    for (let i = 0; i < 5; i++) {
      expect((await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: '000000' } })).body.error.code).toBe('INVALID_MFA_CODE');
    }
    const late = await api('POST', '/api/auth/login/mfa', { body: { challengeToken: challenge, code: appCode(secret, 1) } });
    expect(late.body.error.code).toBe('INVALID_MFA_CHALLENGE');
  });
});
