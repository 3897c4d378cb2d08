import type { Express } from 'express';
import type { Knex } from '@smartcourse/platform';

/** The internal HTTP API: the reports. */
export function apiRoutes(_deps: { db: Knex }) {
  return (_app: Express) => {};
}
