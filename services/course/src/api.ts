import type { Express } from 'express';
import type { Knex } from '@smartcourse/platform';
import { courseRoutes } from './courses/routes.js';
import type { BodyModel } from './outline/bodies.js';
import { lessonRoutes } from './outline/routes.js';

/** The internal HTTP API: queries for the gateway. */
export function apiRoutes(deps: { db: Knex; bodies: BodyModel }) {
  return (app: Express) => {
    app.use(courseRoutes(deps));
    app.use(lessonRoutes(deps));
  };
}
