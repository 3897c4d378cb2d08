import { MfaCodeRequest, MfaRecoveryCodes, MfaSetup } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { actorOf } from '../../../auth/middleware.js';
import type { InternalClient } from '../../../internal-client.js';
import { relay } from '../../../relay.js';
import { inputOf, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const invalidCode: ErrorSpec = { code: 'INVALID_MFA_CODE', description: 'The code is not valid.' };

/** TOTP multi-factor enrolment: synchronous calls to the user service, never through Kafka. */
export function mfaRoutes(deps: { users: InternalClient }): RouteSpec[] {
  const forward = (path: string) => async (_req: unknown, res: Parameters<RouteSpec['handler']>[1]) =>
    relay(res, await deps.users.callPath(path, { method: 'POST', body: inputOf(res).body ?? {}, actor: actorOf(res), correlationId: requestContext(res).correlationId }));
  return [
    {
      method: 'post',
      path: '/api/auth/mfa/setup',
      summary: 'Start TOTP set-up: a secret and an otpauth:// URI for an authenticator app',
      tag: 'mfa',
      access: 'authenticated',
      responses: { 201: { description: 'The secret, shown once', body: MfaSetup } },
      errors: [{ code: 'MFA_ALREADY_ENABLED', description: 'MFA is already on.' }],
      handler: forward('/internal/auth/mfa/setup'),
    },
    {
      method: 'post',
      path: '/api/auth/mfa/confirm',
      summary: 'Confirm TOTP set-up with a code; answers the recovery codes, shown once',
      tag: 'mfa',
      access: 'authenticated',
      request: { body: MfaCodeRequest },
      responses: { 200: { description: 'MFA is on', body: MfaRecoveryCodes } },
      errors: [invalidCode, { code: 'MFA_NOT_STARTED', description: 'Set-up was not started.' }],
      handler: forward('/internal/auth/mfa/confirm'),
    },
    {
      method: 'post',
      path: '/api/auth/mfa/disable',
      summary: 'Turn MFA off with a current code or a recovery code',
      tag: 'mfa',
      access: 'authenticated',
      request: { body: MfaCodeRequest },
      responses: { 204: { description: 'MFA is off' } },
      errors: [invalidCode, { code: 'MFA_LOCKED', description: 'Five wrong codes lock turning MFA off for a while, even with the right code.' }],
      handler: forward('/internal/auth/mfa/disable'),
    },
  ];
}
