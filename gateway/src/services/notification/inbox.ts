import type { Response } from 'express';
import { NotificationList, NotificationListQuery, NotificationParams, UnreadCount } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { actorOf } from '../../auth/middleware.js';
import type { InternalClient } from '../../internal-client.js';
import { relay } from '../../relay.js';
import { searchOf } from '../../routing/search.js';
import { inputOf, type RouteSpec } from '../../routing/spec.js';

/**
 * The caller's inbox. Reading marks are synchronous calls, not commands: they are the person's
 * own view state, announce no event, and must answer at once with the new unread count.
 */
export function inboxRoutes(deps: { notifications: InternalClient }): RouteSpec[] {
  const ask = async (res: Response, path: string, method = 'GET') =>
    relay(res, await deps.notifications.callPath(path, { method, actor: actorOf(res), correlationId: requestContext(res).correlationId }));
  return [
    {
      method: 'get',
      path: '/api/notifications',
      summary: 'My in-app notifications, newest first (`unread=true` for the unread ones)',
      tag: 'notifications',
      access: 'authenticated',
      request: { query: NotificationListQuery },
      responses: { 200: { description: 'One page of my notifications', body: NotificationList } },
      handler: (_req, res) => ask(res, `/internal/notifications${searchOf(inputOf<unknown, NotificationListQuery>(res).query)}`),
    },
    {
      method: 'get',
      path: '/api/notifications/unread-count',
      summary: 'How many of my notifications are unread',
      tag: 'notifications',
      access: 'authenticated',
      responses: { 200: { description: 'The unread count', body: UnreadCount } },
      handler: (_req, res) => ask(res, '/internal/notifications/unread-count'),
    },
    {
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark all my notifications read',
      tag: 'notifications',
      access: 'authenticated',
      responses: { 200: { description: 'The unread count after', body: UnreadCount } },
      handler: (_req, res) => ask(res, '/internal/notifications/read-all', 'POST'),
    },
    {
      method: 'post',
      path: '/api/notifications/:notificationId/read',
      summary: 'Mark one of my notifications read (again is fine)',
      tag: 'notifications',
      access: 'authenticated',
      request: { params: NotificationParams },
      responses: { 200: { description: 'The unread count after', body: UnreadCount } },
      errors: [{ code: 'NOTIFICATION_NOT_FOUND' }],
      handler: (_req, res) => ask(res, `/internal/notifications/${inputOf<unknown, unknown, NotificationParams>(res).params.notificationId}/read`, 'POST'),
    },
  ];
}
