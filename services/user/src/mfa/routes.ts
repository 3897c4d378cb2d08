import { Router } from 'express';
import { MfaCodeRequest } from '@smartcourse/contracts';
import { actorOf, notFound, parse } from '@smartcourse/platform';
import { findUser } from '../users/store.js';
import { confirmEnrollment, disableMfa, startEnrollment, type MfaDeps } from './enrollment.js';

/** Enrolment and removal of the TOTP factor, for the signed-in user. */
export function mfaRoutes(deps: MfaDeps): Router {
  const router = Router();
  router.post('/internal/auth/mfa/setup', async (_req, res) => {
    const user = await findUser(deps.db, actorOf(res).userId);
    if (!user || user.status !== 'active') throw notFound('USER_NOT_FOUND', 'No such user.');
    res.status(201).json({ data: await startEnrollment(deps, user) });
  });
  router.post('/internal/auth/mfa/confirm', async (req, res) => {
    const { code } = parse(MfaCodeRequest, req.body);
    res.json({ data: await confirmEnrollment(deps, actorOf(res).userId, code) });
  });
  router.post('/internal/auth/mfa/disable', async (req, res) => {
    const { code } = parse(MfaCodeRequest, req.body);
    await disableMfa(deps, actorOf(res).userId, code);
    res.status(204).end();
  });
  return router;
}
