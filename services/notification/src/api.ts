import type { Express } from 'express';
import { notificationRoutes } from './notifications/routes.js';
import type { NotificationModel } from './notifications/store.js';

/** The internal HTTP API: the notification queries, for the gateway only. */
export function apiRoutes(deps: { notifications: NotificationModel }) {
  return (app: Express) => {
    app.use(notificationRoutes(deps));
  };
}
