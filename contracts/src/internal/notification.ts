import {
  Backlog,
  BacklogQuery,
  NotificationList,
  NotificationListQuery,
  NotificationParams,
  Preferences,
  PreferencesUpdate,
  UnreadCount,
} from '../http/notifications.js';
import { UnsubscribeQuery, Unsubscribed } from '../http/unsubscribe.js';
import { internalEndpoint } from './endpoint.js';

/** The notification service's internal API: the caller's inbox and preferences, and one-click unsubscribe. */

export const NotificationsEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/notifications',
  query: NotificationListQuery,
  response: NotificationList,
});

export const UnreadCountEndpoint = internalEndpoint({ method: 'get', path: '/internal/notifications/unread-count', response: UnreadCount });

/** For a stream that (re)connects: what came after its last event, and the unread count now. */
export const BacklogEndpoint = internalEndpoint({ method: 'get', path: '/internal/notifications/backlog', query: BacklogQuery, response: Backlog });

export const ReadAllEndpoint = internalEndpoint({ method: 'post', path: '/internal/notifications/read-all', response: UnreadCount });

export const ReadNotificationEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/notifications/:notificationId/read',
  params: NotificationParams,
  response: UnreadCount,
});

export const PreferencesEndpoint = internalEndpoint({ method: 'get', path: '/internal/notifications/preferences', response: Preferences });

export const UpdatePreferencesEndpoint = internalEndpoint({
  method: 'put',
  path: '/internal/notifications/preferences',
  body: PreferencesUpdate,
  response: Preferences,
});

/** The confirmation page of an unsubscribe link (HTML): changes nothing. */
export const UnsubscribePageEndpoint = internalEndpoint({ method: 'get', path: '/internal/notifications/unsubscribe', query: UnsubscribeQuery });

/** Switches the link's category of mail off: an HTML page, or JSON when asked for. */
export const UnsubscribeEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/notifications/unsubscribe',
  query: UnsubscribeQuery,
  response: Unsubscribed,
});
