import {
  NotificationList,
  NotificationListQuery,
  NotificationParams,
  NotificationsEndpoint,
  ReadAllEndpoint,
  ReadNotificationEndpoint,
  UnreadCount,
  UnreadCountEndpoint,
} from '@smartcourse/contracts';
import type { InternalClient } from '../../internal-client.js';
import { forward } from '../../relay.js';
import { route, type RouteSpec } from '../../routing/spec.js';

/**
 * The caller's inbox. Reading marks are synchronous calls, not commands: they are the person's
 * own view state, announce no event, and must answer at once with the new unread count.
 */
export function inboxRoutes(deps: { notifications: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/notifications',
      summary: 'My in-app notifications, newest first (`unread=true` for the unread ones)',
      tag: 'notifications',
      access: 'authenticated',
      request: { query: NotificationListQuery },
      responses: { 200: { description: 'One page of my notifications', body: NotificationList } },
      handler: ({ query }, res) => forward(res, deps.notifications, NotificationsEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/notifications/unread-count',
      summary: 'How many of my notifications are unread',
      tag: 'notifications',
      access: 'authenticated',
      responses: { 200: { description: 'The unread count', body: UnreadCount } },
      handler: (_input, res) => forward(res, deps.notifications, UnreadCountEndpoint, {}),
    }),
    route({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my notifications read',
      tag: 'notifications',
      access: 'authenticated',
      responses: { 200: { description: 'The unread count after', body: UnreadCount } },
      handler: (_input, res) => forward(res, deps.notifications, ReadAllEndpoint, {}),
    }),
    route({
      method: 'post',
      path: '/api/notifications/:notificationId/read',
      summary: 'Mark one of my notifications read (again is fine)',
      tag: 'notifications',
      access: 'authenticated',
      request: { params: NotificationParams },
      responses: { 200: { description: 'The unread count after', body: UnreadCount } },
      errors: [{ code: 'NOTIFICATION_NOT_FOUND' }],
      handler: ({ params }, res) => forward(res, deps.notifications, ReadNotificationEndpoint, { params }),
    }),
  ];
}
