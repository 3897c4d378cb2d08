import { Router } from 'express';
import type { Knex } from 'knex';
import { ParkedOutboxEndpoint, RetryParkedOutboxEndpoint } from '@smartcourse/contracts';
import { notFound } from '../errors.js';
import { serveEndpoint } from '../http/endpoint.js';
import { listParked, unpark } from './store.js';

/** Operator routes (internal credential): the parked outbox rows, and putting one back in line. */
export function parkedOutboxRoutes(deps: { db: Knex; wake(): void }): Router {
  const router = Router();
  serveEndpoint(router, ParkedOutboxEndpoint, async (_input, res) => {
    res.json({ data: await listParked(deps.db) });
  });
  serveEndpoint(router, RetryParkedOutboxEndpoint, async ({ params: { id } }, res) => {
    if (!/^\d+$/.test(id) || !(await unpark(deps.db, id))) throw notFound('OUTBOX_ROW_NOT_FOUND', 'No parked outbox row with this id.');
    deps.wake();
    res.json({ data: { id, status: 'queued' } });
  });
  return router;
}
