import { Router } from 'express';
import { RegisterEndpoint, UserEndpoint } from '@smartcourse/contracts';
import { actorOf, forbidden, newContext, notFound, requestContext, serveEndpoint } from '@smartcourse/platform';
import { register, type RegistrationDeps } from './registration.js';
import { mayActOn, profileOf } from './rules.js';
import { findUser } from './store.js';

/**
 * Registration is synchronous HTTP, so passwords never travel through Kafka; profile reads
 * are queries. Profile changes arrive as commands (commands.ts).
 */
export function userRoutes(deps: RegistrationDeps): Router {
  const router = Router();
  serveEndpoint(router, RegisterEndpoint, async ({ body }, res) => {
    const profile = await register(deps, body, newContext(requestContext(res).correlationId));
    requestContext(res).log.info({ userId: profile.id }, 'user registered');
    res.status(201).json({ data: profile });
  });
  serveEndpoint(router, UserEndpoint, async ({ params: { id } }, res) => {
    const actor = actorOf(res);
    if (!mayActOn(actor, id)) throw forbidden("You may not read another user's profile.");
    const user = await findUser(deps.db, id);
    if (!user) throw notFound('USER_NOT_FOUND', 'No such user.');
    res.json({ data: profileOf(user) });
  });
  return router;
}
