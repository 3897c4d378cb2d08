import { MfaCodeRequest, MfaConfirmEndpoint, MfaDisableEndpoint, MfaRecoveryCodes, MfaSetup, MfaSetupEndpoint } from '@smartcourse/contracts';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const invalidCode: ErrorSpec = { code: 'INVALID_MFA_CODE', description: 'The code is not valid.' };

/** TOTP multi-factor enrolment: synchronous calls to the user service, never through Kafka. */
export function mfaRoutes(deps: { users: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/mfa/setup',
      summary: 'Start TOTP set-up: a secret and an otpauth:// URI for an authenticator app',
      tag: 'mfa',
      access: 'authenticated',
      responses: { 201: { description: 'The secret, shown once', body: MfaSetup } },
      errors: [{ code: 'MFA_ALREADY_ENABLED', description: 'MFA is already on.' }],
      handler: (_input, res) => forward(res, deps.users, MfaSetupEndpoint, {}),
    }),
    route({
      method: 'post',
      path: '/api/auth/mfa/confirm',
      summary: 'Confirm TOTP set-up with a code; answers the recovery codes, shown once',
      tag: 'mfa',
      access: 'authenticated',
      request: { body: MfaCodeRequest },
      responses: { 200: { description: 'MFA is on', body: MfaRecoveryCodes } },
      errors: [invalidCode, { code: 'MFA_NOT_STARTED', description: 'Set-up was not started.' }],
      handler: ({ body }, res) => forward(res, deps.users, MfaConfirmEndpoint, { body }),
    }),
    route({
      method: 'post',
      path: '/api/auth/mfa/disable',
      summary: 'Turn MFA off with a current code or a recovery code',
      tag: 'mfa',
      access: 'authenticated',
      request: { body: MfaCodeRequest },
      responses: { 204: { description: 'MFA is off' } },
      errors: [invalidCode, { code: 'MFA_LOCKED', description: 'Five wrong codes lock turning MFA off for a while, even with the right code.' }],
      handler: ({ body }, res) => forward(res, deps.users, MfaDisableEndpoint, { body }),
    }),
  ];
}
