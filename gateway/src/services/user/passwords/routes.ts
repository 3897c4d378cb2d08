import type { Response } from 'express';
import {
  ChangePasswordEndpoint,
  ChangePasswordRequest,
  ForgotPasswordEndpoint,
  ForgotPasswordRequest,
  MailAccepted,
  ResetPasswordEndpoint,
  ResetPasswordRequest,
  type RevokedSessions,
} from '@smartcourse/contracts';
import type { TokenSettings } from '@smartcourse/platform';
import type { DenyList } from '../../../auth/deny-list.js';
import { userOf } from '../../../auth/middleware.js';
import type { InternalClient, ServiceResponse } from '../../../internal-client.js';
import { forward, onBehalfOf, relay } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const policyRefusal: ErrorSpec = { code: 'VALIDATION_ERROR', description: 'The new password is too short, too long, too common or the email address.' };

/** Password change and reset: synchronous calls to the user service, never through Kafka. */
export function passwordRoutes(deps: { users: InternalClient; denyList: DenyList; tokens: TokenSettings }): RouteSpec[] {
  /** The sessions the change ended lose their access tokens now, not when the tokens expire. */
  async function endSessions(res: Response, answer: ServiceResponse): Promise<void> {
    if (answer.status !== 200) return relay(res, answer);
    const { revokedSessionIds } = (answer.body as { data: RevokedSessions }).data;
    await Promise.all(revokedSessionIds.map((sessionId) => deps.denyList.deny({ sessionId }, deps.tokens.accessTtlSeconds)));
    res.status(204).end();
  }
  return [
    route({
      method: 'post',
      path: '/api/auth/password/change',
      summary: 'Change my password; my other sessions end',
      tag: 'auth',
      access: 'authenticated',
      rateLimit: 'credentials',
      request: { body: ChangePasswordRequest },
      responses: { 204: { description: 'The password is changed' } },
      errors: [policyRefusal, { code: 'INVALID_CREDENTIALS', description: 'The current password is wrong.' }],
      async handler({ body }, res) {
        await endSessions(res, await deps.users.call(ChangePasswordEndpoint, { body: { ...body, sessionId: userOf(res).sessionId }, ...onBehalfOf(res) }));
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/password/forgot',
      summary: 'Mail a password reset link, if an account uses this email (the answer is the same either way)',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: ForgotPasswordRequest },
      responses: { 202: { description: 'Accepted, whether or not the account exists', body: MailAccepted } },
      handler: ({ body }, res) => forward(res, deps.users, ForgotPasswordEndpoint, { body }),
    }),
    route({
      method: 'post',
      path: '/api/auth/password/reset',
      summary: 'Set a new password with the token from the mailed link; every session ends',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: ResetPasswordRequest },
      responses: { 204: { description: 'The password is reset' } },
      errors: [policyRefusal, { code: 'INVALID_TOKEN', description: 'The token is unknown, used or expired.' }],
      async handler({ body }, res) {
        await endSessions(res, await deps.users.call(ResetPasswordEndpoint, { body, ...onBehalfOf(res) }));
      },
    }),
  ];
}
