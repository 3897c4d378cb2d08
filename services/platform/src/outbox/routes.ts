import { Router } from 'express';
import type { Knex } from 'knex';
import { notFound } from '../errors.js';
import { listParked, unpark } from './store.js';

/** Operator routes (internal credential): the parked outbox rows, and putting one back in line. */
export function parkedOutboxRoutes(deps: { db: Knex; wake(): void }): Router {
  const router = Router();
  router.get('/internal/outbox/parked', async (_req, res) => {
    res.json({ data: await listParked(deps.db) });
  });
  router.post('/internal/outbox/parked/:id/retry', async (req, res) => {
    if (!/^\d+$/.test(req.params.id) || !(await unpark(deps.db, req.params.id))) throw notFound('OUTBOX_ROW_NOT_FOUND', 'No parked outbox row with this id.');
    deps.wake();
    res.json({ data: { id: req.params.id, status: 'queued' } });
  });
  return router;
}
