import { Router } from 'express';
import { actorOf, forbidden, notFound, type Knex } from '@smartcourse/platform';
import { mayActOn, profileOf } from './rules.js';
import { findById } from './store.js';

export function userRoutes(deps: { db: Knex }): Router {
  const router = Router();
  router.get('/internal/users/:id', async (req, res) => {
    const actor = actorOf(res);
    if (!mayActOn(actor, req.params.id)) throw forbidden("You may not read another user's profile.");
    const user = await findById(deps.db, req.params.id);
    if (!user) throw notFound('USER_NOT_FOUND', 'No such user.');
    res.json({ data: profileOf(user) });
  });
  return router;
}
