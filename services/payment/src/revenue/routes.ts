import { Router } from 'express';
import { RevenueEndpoint } from '@smartcourse/contracts';
import { actorOf, forbidden, serveEndpoint, type Knex } from '@smartcourse/platform';
import { revenueOf } from './store.js';

/** The instructor's own revenue report. */
export function revenueRoutes(deps: { db: Knex }): Router {
  const router = Router();
  serveEndpoint(router, RevenueEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    if (actor.role !== 'instructor') throw forbidden('The revenue report is an instructor’s own.');
    res.json({ data: await revenueOf(deps.db, actor.userId, query) });
  });
  return router;
}
