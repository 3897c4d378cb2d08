import { Router } from 'express';
import { ResendVerificationEndpoint, VerifyEmailEndpoint } from '@smartcourse/contracts';
import { actorOf, newContext, requestContext, serveEndpoint, type OutboxRelay } from '@smartcourse/platform';
import { confirmEmail } from './confirm.js';
import { resendVerificationLink, type VerificationDeps } from './links.js';

/** Email verification: the token comes back from the mailed link; a new link on request. */
export function verificationRoutes(deps: VerificationDeps & { relay: Pick<OutboxRelay, 'wake'> }): Router {
  const router = Router();
  serveEndpoint(router, VerifyEmailEndpoint, async ({ body: { token } }, res) => {
    await confirmEmail(deps, token, newContext(requestContext(res).correlationId));
    res.status(204).end();
  });
  serveEndpoint(router, ResendVerificationEndpoint, async (_input, res) => {
    const { userId } = actorOf(res);
    await resendVerificationLink(deps, userId);
    requestContext(res).log.info({ userId }, 'verification link mailed again');
    res.status(202).json({ data: { message: 'A new verification link is on its way.' } });
  });
  return router;
}
