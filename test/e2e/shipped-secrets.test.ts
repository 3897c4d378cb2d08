import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { processSpec } from '@smartcourse/contracts';
import { api } from '../support/http.js';
import { usePlatform } from '../support/platform.js';
import { SHIPPED_SIGNING_KEY } from '../support/signing-key.js';

/** The secrets printed in the source open nothing on a platform of scripts/test: it runs with its own. */
usePlatform();

describe('a platform started by the project scripts', () => {
  it('refuses an admin token signed with the shipped development key', async () => {
    const forged = await new SignJWT({ role: 'admin', type: 'access' })
      .setProtectedHeader({ alg: 'HS256', kid: SHIPPED_SIGNING_KEY.kid })
      .setSubject('00000000-0000-4000-8000-000000000001')
      .setIssuer('smartcourse')
      .setAudience('smartcourse-api')
      .setJti('shipped-key')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(SHIPPED_SIGNING_KEY.secret);
    const answer = await api('GET', '/api/admin/users', { token: forged });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("refuses the shipped internal token on a service's internal API", async () => {
    const answer = await fetch(`http://127.0.0.1:${processSpec('user').port}/internal/users/00000000-0000-4000-8000-000000000001`, {
      headers: { 'x-internal-token': 'local-internal-token-change-me' },
    });
    expect(answer.status).toBe(401);
  });
});
