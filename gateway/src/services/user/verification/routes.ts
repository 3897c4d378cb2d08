import { MailAccepted, ResendVerificationEndpoint, VerifyEmailEndpoint, VerifyEmailRequest } from '@smartcourse/contracts';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type RouteSpec } from '../../../routing/spec.js';

/** Email verification: synchronous calls to the user service, which mails the links itself. */
export function verificationRoutes(deps: { users: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/email/verify',
      summary: 'Confirm the email address with the token from the mailed link',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: VerifyEmailRequest },
      responses: { 204: { description: 'The email address is verified' } },
      errors: [{ code: 'INVALID_TOKEN', description: 'The token is unknown, used or expired.' }],
      handler: ({ body }, res) => forward(res, deps.users, VerifyEmailEndpoint, { body }),
    }),
    route({
      method: 'post',
      path: '/api/auth/email/resend',
      summary: 'Mail a new verification link (at most one a minute, five a day)',
      tag: 'auth',
      access: 'authenticated',
      rateLimit: 'credentials',
      responses: { 202: { description: 'A new link is on its way', body: MailAccepted } },
      errors: [{ code: 'EMAIL_ALREADY_VERIFIED' }, { code: 'RATE_LIMITED', description: 'A link went out too recently; see Retry-After.' }],
      handler: (_input, res) => forward(res, deps.users, ResendVerificationEndpoint, {}),
    }),
  ];
}
