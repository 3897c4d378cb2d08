import { createHttpApp, internalAuth, type Logger, type Metrics, type ReadinessCheck } from '@smartcourse/platform';
import { notificationRoutes } from './notifications/routes.js';
import type { NotificationModel } from './notifications/store.js';

export function createApi(deps: { logger: Logger; metrics: Metrics; readiness: ReadinessCheck[]; internalToken: string; notifications: NotificationModel }) {
  return createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    routes(app) {
      app.use('/internal', internalAuth(deps.internalToken));
      app.use(notificationRoutes(deps));
    },
  });
}
