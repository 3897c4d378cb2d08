import { Router } from 'express';
import { BacklogQuery, NotificationListQuery, NotificationParams } from '@smartcourse/contracts';
import { actorOf, notFound, pageMeta, parse } from '@smartcourse/platform';
import type { Pusher } from './push.js';
import { entriesAfter, listEntries, markAllRead, markRead, unreadCount, type InboxModels } from './store.js';
import { notificationView } from './views.js';

/** The caller's own inbox (the actor is the gateway's signed-in user). */
export function inboxRoutes(deps: { inbox: InboxModels; pusher: Pusher }): Router {
  const router = Router();
  const { inbox } = deps;
  const announceUnread = async (userId: string) => deps.pusher.push(userId, { type: 'unread', unreadCount: await unreadCount(inbox, userId) });

  router.get('/internal/notifications', async (req, res) => {
    const query = parse(NotificationListQuery, req.query);
    const { entries, total } = await listEntries(inbox, actorOf(res).userId, query);
    res.json({ data: entries.map(notificationView), meta: pageMeta(query.page, query.per_page, total) });
  });

  router.get('/internal/notifications/unread-count', async (_req, res) => {
    res.json({ data: { count: await unreadCount(inbox, actorOf(res).userId) } });
  });

  /** For a stream that (re)connects: what came after its last event, and the unread count now. */
  router.get('/internal/notifications/backlog', async (req, res) => {
    const query = parse(BacklogQuery, req.query);
    const userId = actorOf(res).userId;
    const [entries, count] = await Promise.all([entriesAfter(inbox, userId, query.after, query.limit), unreadCount(inbox, userId)]);
    res.json({ data: entries.map(notificationView), unreadCount: count });
  });

  router.post('/internal/notifications/read-all', async (_req, res) => {
    const userId = actorOf(res).userId;
    await markAllRead(inbox, userId);
    await announceUnread(userId);
    res.json({ data: { count: await unreadCount(inbox, userId) } });
  });

  router.post('/internal/notifications/:notificationId/read', async (req, res) => {
    const { notificationId } = parse(NotificationParams, req.params);
    const userId = actorOf(res).userId;
    if (!(await markRead(inbox, userId, notificationId))) throw notFound('NOTIFICATION_NOT_FOUND', 'No such notification.');
    await announceUnread(userId);
    res.json({ data: { count: await unreadCount(inbox, userId) } });
  });

  return router;
}
