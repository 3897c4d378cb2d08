import { MailAccepted, VerifyEmailRequest } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { actorOf } from '../../../auth/middleware.js';
import type { InternalClient } from '../../../internal-client.js';
import { relay } from '../../../relay.js';
import { inputOf, type RouteSpec } from '../../../routing/spec.js';

/** Email verification: synchronous calls to the user service, which mails the links itself. */
export function verificationRoutes(deps: { users: InternalClient }): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/auth/email/verify',
      summary: 'Confirm the email address with the token from the mailed link',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: VerifyEmailRequest },
      responses: { 204: { description: 'The email address is verified' } },
      errors: [{ code: 'INVALID_TOKEN', description: 'The token is unknown, used or expired.' }],
      async handler(_req, res) {
        relay(res, await deps.users.callPath('/internal/auth/email/verify', { method: 'POST', body: inputOf(res).body, correlationId: requestContext(res).correlationId }));
      },
    },
    {
      method: 'post',
      path: '/api/auth/email/resend',
      summary: 'Mail a new verification link (at most one a minute, five a day)',
      tag: 'auth',
      access: 'authenticated',
      rateLimit: 'credentials',
      responses: { 202: { description: 'A new link is on its way', body: MailAccepted } },
      errors: [
        { code: 'EMAIL_ALREADY_VERIFIED' },
        { code: 'RATE_LIMITED', description: 'A link went out too recently; see Retry-After.' },
      ],
      async handler(_req, res) {
        relay(res, await deps.users.callPath('/internal/auth/email/resend', { method: 'POST', actor: actorOf(res), correlationId: requestContext(res).correlationId }));
      },
    },
  ];
}
