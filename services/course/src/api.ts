import type { Express } from 'express';
import type { Knex, OutboxRelay } from '@smartcourse/platform';
import { assignmentRoutes } from './assignments/routes.js';
import { courseRoutes } from './courses/routes.js';
import { fileRoutes } from './files/routes.js';
import type { BodyModel } from './outline/bodies.js';
import { lessonRoutes } from './outline/routes.js';
import { quizRoutes } from './quizzes/routes.js';
import { submissionRoutes } from './submissions/routes.js';

/** The internal HTTP API: queries for the gateway, and the quiz and assignment writes that must not go through Kafka. */
export function apiRoutes(deps: { db: Knex; bodies: BodyModel; relay: Pick<OutboxRelay, 'wake'>; submitGraceSeconds: number }) {
  return (app: Express) => {
    app.use(courseRoutes(deps));
    app.use(lessonRoutes(deps));
    app.use(quizRoutes(deps));
    app.use(fileRoutes(deps));
    app.use(assignmentRoutes(deps));
    app.use(submissionRoutes(deps));
  };
}
