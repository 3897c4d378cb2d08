import { Router } from 'express';
import { VerifyEmailRequest } from '@smartcourse/contracts';
import { actorOf, newContext, parse, requestContext, type OutboxRelay } from '@smartcourse/platform';
import { confirmEmail } from './confirm.js';
import { resendVerificationLink, type VerificationDeps } from './links.js';

/** Email verification: the token comes back from the mailed link; a new link on request. */
export function verificationRoutes(deps: VerificationDeps & { relay: Pick<OutboxRelay, 'wake'> }): Router {
  const router = Router();
  router.post('/internal/auth/email/verify', async (req, res) => {
    const { token } = parse(VerifyEmailRequest, req.body);
    await confirmEmail(deps, token, newContext(requestContext(res).correlationId));
    res.status(204).end();
  });
  router.post('/internal/auth/email/resend', async (_req, res) => {
    const { userId } = actorOf(res);
    await resendVerificationLink(deps, userId);
    requestContext(res).log.info({ userId }, 'verification link mailed again');
    res.status(202).json({ data: { message: 'A new verification link is on its way.' } });
  });
  return router;
}
