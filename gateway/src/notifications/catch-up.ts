import type { Notification, NotificationPush } from '@smartcourse/contracts';

/** What one stream writes, in order: a notification (its `seq` is the SSE id), or the unread count. */
export type StreamEvent =
  | { event: 'notification'; id: number; data: { notification: Notification; unreadCount: number } }
  /** `id` only on the first event of a connection: the position a reconnect resumes from. */
  | { event: 'unread'; id?: number; data: { unreadCount: number } };

export interface CatchUp {
  /** A push from Redis: held while the backlog is being read, written at once afterwards. */
  push(push: NotificationPush): void;
  /**
   * The backlog after the stream's position has been read: writes it, then the unread count
   * carrying the position, then the held pushes whose seq the backlog did not already carry.
   */
  open(backlog: { from: number; notifications: readonly Notification[]; unreadCount: number }): void;
}

const asEvent = (push: NotificationPush): StreamEvent =>
  push.type === 'notification'
    ? { event: 'notification', id: push.notification.seq, data: { notification: push.notification, unreadCount: push.unreadCount } }
    : { event: 'unread', data: { unreadCount: push.unreadCount } };

/**
 * Orders a stream's events around its connection: the stream subscribes to Redis before it reads
 * the backlog, so nothing published meanwhile is lost, and what both carry is written once.
 */
export function createCatchUp(write: (event: StreamEvent) => void): CatchUp {
  let held: NotificationPush[] | undefined = [];
  return {
    push(push) {
      if (held) held.push(push);
      else write(asEvent(push));
    },
    open({ from, notifications, unreadCount }) {
      if (!held) throw new Error('the stream is already open');
      let position = from;
      for (const notification of notifications) {
        write({ event: 'notification', id: notification.seq, data: { notification, unreadCount } });
        position = Math.max(position, notification.seq);
      }
      write({ event: 'unread', id: position, data: { unreadCount } });
      const waiting = held;
      held = undefined;
      for (const push of waiting) {
        if (push.type === 'notification' && push.notification.seq <= position) continue;
        write(asEvent(push));
      }
    },
  };
}
