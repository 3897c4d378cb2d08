import type { Express } from 'express';
import type { Knex } from '@smartcourse/platform';
import { reportRoutes } from './reports/routes.js';

/** The internal HTTP API: the reports. */
export function apiRoutes(deps: { db: Knex }) {
  return (app: Express) => {
    app.use(reportRoutes(deps));
  };
}
