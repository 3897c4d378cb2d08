import type { Express } from 'express';
import { inboxRoutes } from './inbox/routes.js';
import type { InboxModels } from './inbox/store.js';
import type { Pusher } from './inbox/push.js';
import { preferenceRoutes } from './preferences/routes.js';
import type { PreferenceModel } from './preferences/store.js';
import { unsubscribeRoutes } from './unsubscribe/routes.js';

/** The internal HTTP API for the gateway: the inbox, preferences and one-click unsubscribe. */
export function apiRoutes(deps: {
  inbox: InboxModels;
  pusher: Pusher;
  preferences: PreferenceModel;
  unsubscribeSecret: string;
  wasErased(userId: string): Promise<boolean>;
}) {
  return (app: Express) => {
    // First: its fixed paths sit beside the inbox's `:notificationId`.
    app.use(preferenceRoutes({ preferences: deps.preferences }));
    app.use(unsubscribeRoutes({ preferences: deps.preferences, secret: deps.unsubscribeSecret, wasErased: deps.wasErased }));
    app.use(inboxRoutes(deps));
  };
}
