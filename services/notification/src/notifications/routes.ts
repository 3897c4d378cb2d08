import { Router } from 'express';
import { actorOf, forbidden } from '@smartcourse/platform';
import { listForUser, type NotificationModel } from './store.js';

export function notificationRoutes(deps: { notifications: NotificationModel }): Router {
  const router = Router();
  router.get('/internal/users/:userId/notifications', async (req, res) => {
    const actor = actorOf(res);
    if (actor.userId !== req.params.userId && actor.role !== 'admin') throw forbidden("You may not read another user's notifications.");
    const found = await listForUser(deps.notifications, req.params.userId);
    res.json({
      data: found.map((n) => ({
        eventId: n.eventId,
        kind: n.kind,
        channel: n.channel,
        subject: n.subject,
        status: n.status,
        attempts: n.attempts,
        sentAt: n.sentAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
    });
  });
  return router;
}
