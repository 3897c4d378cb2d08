import { Router } from 'express';
import { MfaConfirmEndpoint, MfaDisableEndpoint, MfaSetupEndpoint } from '@smartcourse/contracts';
import { actorOf, notFound, serveEndpoint } from '@smartcourse/platform';
import { findUser } from '../users/store.js';
import { confirmEnrollment, disableMfa, startEnrollment, type MfaDeps } from './enrollment.js';

/** Enrolment and removal of the TOTP factor, for the signed-in user. */
export function mfaRoutes(deps: MfaDeps): Router {
  const router = Router();
  serveEndpoint(router, MfaSetupEndpoint, async (_input, res) => {
    const user = await findUser(deps.db, actorOf(res).userId);
    if (!user || user.status !== 'active') throw notFound('USER_NOT_FOUND', 'No such user.');
    res.status(201).json({ data: await startEnrollment(deps, user) });
  });
  serveEndpoint(router, MfaConfirmEndpoint, async ({ body: { code } }, res) => {
    res.json({ data: await confirmEnrollment(deps, actorOf(res).userId, code) });
  });
  serveEndpoint(router, MfaDisableEndpoint, async ({ body: { code } }, res) => {
    await disableMfa(deps, actorOf(res).userId, code);
    res.status(204).end();
  });
  return router;
}
