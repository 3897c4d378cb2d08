import type { InternalClient } from '../../internal-client.js';
import type { NotificationStreams } from '../../notifications/streams.js';
import type { RouteSpec } from '../../routing/spec.js';
import { inboxRoutes } from './inbox.js';
import { preferenceRoutes } from './preferences.js';
import { streamRoutes } from './stream.js';

/** Notifications: the inbox, preferences and one-click unsubscribe (queries to the notification service), and the live stream. */
export function notificationServiceRoutes(deps: { notifications: InternalClient; notificationStreams: NotificationStreams }): RouteSpec[] {
  return [...inboxRoutes(deps), ...preferenceRoutes(deps), ...streamRoutes(deps)];
}
