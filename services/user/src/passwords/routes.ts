import { Router } from 'express';
import { ChangePasswordEndpoint, ForgotPasswordEndpoint, ResetPasswordEndpoint, type RevokedSessions } from '@smartcourse/contracts';
import { actorOf, requestContext, serveEndpoint } from '@smartcourse/platform';
import { changePassword } from './change.js';
import { requestPasswordReset, resetPassword, type ResetDeps } from './reset.js';

/**
 * Password change, forgotten password and reset: synchronous HTTP, never through Kafka. Change
 * and reset answer the sessions they ended, for the gateway's deny list.
 */
export function passwordRoutes(deps: ResetDeps): Router {
  const router = Router();
  serveEndpoint(router, ChangePasswordEndpoint, async ({ body }, res) => {
    const { userId } = actorOf(res);
    const revokedSessionIds = await changePassword(deps, userId, body);
    requestContext(res).log.info({ userId, revoked: revokedSessionIds.length }, 'password changed; other sessions revoked');
    res.json({ data: { revokedSessionIds } satisfies RevokedSessions });
  });
  serveEndpoint(router, ForgotPasswordEndpoint, async ({ body: input }, res) => {
    const { log } = requestContext(res);
    res.status(202).json({ data: { message: 'If an account uses this email, a reset link is on its way.' } });
    // Only after answering: how long the work takes must not show whether the account exists.
    requestPasswordReset(deps, input, log).catch((error: unknown) => log.error({ err: error }, 'password reset request failed'));
  });
  serveEndpoint(router, ResetPasswordEndpoint, async ({ body }, res) => {
    const { userId, revokedSessionIds } = await resetPassword(deps, body);
    requestContext(res).log.info({ userId, revoked: revokedSessionIds.length }, 'password reset; sessions revoked');
    res.json({ data: { revokedSessionIds } satisfies RevokedSessions });
  });
  return router;
}
