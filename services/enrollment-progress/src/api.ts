import type { Express } from 'express';
import type { Knex } from '@smartcourse/platform';
import { enrollmentRoutes } from './enrollments/routes.js';
import { gradebookRoutes } from './gradebook/routes.js';

/** The internal HTTP API: queries for the gateway (every write goes through enrollment.commands). */
export function apiRoutes(deps: { db: Knex }) {
  return (app: Express) => {
    app.use(enrollmentRoutes(deps));
    app.use(gradebookRoutes(deps));
  };
}
