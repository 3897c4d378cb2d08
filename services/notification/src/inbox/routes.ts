import { Router } from 'express';
import { BacklogEndpoint, NotificationsEndpoint, ReadAllEndpoint, ReadNotificationEndpoint, UnreadCountEndpoint } from '@smartcourse/contracts';
import { actorOf, notFound, pageMeta, serveEndpoint } from '@smartcourse/platform';
import type { Pusher } from './push.js';
import { entriesAfter, listEntries, markAllRead, markRead, unreadCount, type InboxModels } from './store.js';
import { notificationView } from './views.js';

/** The caller's own inbox (the actor is the gateway's signed-in user). */
export function inboxRoutes(deps: { inbox: InboxModels; pusher: Pusher }): Router {
  const router = Router();
  const { inbox } = deps;
  const announceUnread = async (userId: string) => deps.pusher.push(userId, { type: 'unread', unreadCount: await unreadCount(inbox, userId) });

  serveEndpoint(router, NotificationsEndpoint, async ({ query }, res) => {
    const { entries, total } = await listEntries(inbox, actorOf(res).userId, query);
    res.json({ data: entries.map(notificationView), meta: pageMeta(query.page, query.per_page, total) });
  });

  serveEndpoint(router, UnreadCountEndpoint, async (_input, res) => {
    res.json({ data: { count: await unreadCount(inbox, actorOf(res).userId) } });
  });

  /** For a stream that (re)connects: what came after its last event, and the unread count now. */
  serveEndpoint(router, BacklogEndpoint, async ({ query }, res) => {
    const userId = actorOf(res).userId;
    const [entries, count] = await Promise.all([entriesAfter(inbox, userId, query.after, query.limit), unreadCount(inbox, userId)]);
    res.json({ data: entries.map(notificationView), unreadCount: count });
  });

  serveEndpoint(router, ReadAllEndpoint, async (_input, res) => {
    const userId = actorOf(res).userId;
    await markAllRead(inbox, userId);
    await announceUnread(userId);
    res.json({ data: { count: await unreadCount(inbox, userId) } });
  });

  serveEndpoint(router, ReadNotificationEndpoint, async ({ params: { notificationId } }, res) => {
    const userId = actorOf(res).userId;
    if (!(await markRead(inbox, userId, notificationId))) throw notFound('NOTIFICATION_NOT_FOUND', 'No such notification.');
    await announceUnread(userId);
    res.json({ data: { count: await unreadCount(inbox, userId) } });
  });

  return router;
}
