import type { Notification, NotificationPush } from '@smartcourse/contracts';

/** What one stream writes, in order: a notification (its `seq` is the SSE id), or the unread count. */
export type StreamEvent =
  | { event: 'notification'; id: number; data: { notification: Notification; unreadCount: number } }
  /** `id` only on the first event of a connection: the position a reconnect resumes from. */
  | { event: 'unread'; id?: number; data: { unreadCount: number } };

/**
 * The notifications after a position, oldest first, with the unread count now; at most a bounded
 * number of them, with `more` when the inbox holds further ones.
 */
export type ReadAfter = (position: number) => Promise<{ notifications: readonly Notification[]; unreadCount: number; more?: boolean }>;

export interface CatchUp {
  /** A push from Redis: held while the backlog is being read, written in seq order afterwards. */
  push(push: NotificationPush): void;
  /**
   * The backlog after the stream's position has been read: writes it, then the unread count
   * carrying the position, then the held pushes whose seq the backlog did not already carry.
   * A backlog with `more` stops there: the stream is behind (see `onBehind`).
   */
  open(backlog: { from: number; notifications: readonly Notification[]; unreadCount: number; more?: boolean }): void;
}

const asEvent = (notification: Notification, unreadCount: number): StreamEvent => ({
  event: 'notification',
  id: notification.seq,
  data: { notification, unreadCount },
});

/**
 * Orders a stream's events. The stream subscribes to Redis before it reads the backlog, so
 * nothing published meanwhile is lost, and what both carry is written once. Live, notifications
 * are written strictly in seq order, since a client resumes after the last id it saw: pushes from
 * two handlers may arrive crosswise, and a push whose seq skips one means the skipped one is in
 * the inbox already (a seq is taken only once the one before it is visible), so the gap is read
 * from the backlog rather than written out of order.
 * A read that is not the whole gap (`more`) is written, then `onBehind` is called and nothing more:
 * the stream ends and its client resumes from its last id, so no stream holds a whole inbox at once.
 */
export function createCatchUp(write: (event: StreamEvent) => void, readAfter: ReadAfter, onError: (error: unknown) => void, onBehind: () => void): CatchUp {
  let behind = false;
  let held: NotificationPush[] | undefined = [];
  let position = 0;
  let filling = false;
  let again = false;
  /** Pushes that came ahead of their turn, by seq: written after the gap is read, unless it carried them. */
  const ahead = new Map<number, Extract<NotificationPush, { type: 'notification' }>>();
  /** The unread count published while a gap is read: it follows the notifications it counts. */
  let unreadAfterFill: number | undefined;

  async function fill() {
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    try {
      do {
        again = false;
        const { notifications, unreadCount, more } = await readAfter(position);
        for (const notification of notifications) deliver(notification, unreadCount);
        if (more) return fellBehind();
        for (const seq of [...ahead.keys()].sort((a, b) => a - b)) {
          const push = ahead.get(seq)!;
          ahead.delete(seq);
          deliver(push.notification, push.unreadCount);
        }
      } while (again);
      if (unreadAfterFill !== undefined) write({ event: 'unread', data: { unreadCount: unreadAfterFill } });
      unreadAfterFill = undefined;
    } catch (error) {
      onError(error);
    } finally {
      filling = false;
    }
  }

  function fellBehind() {
    behind = true;
    ahead.clear();
    onBehind();
  }

  function deliver(notification: Notification, unreadCount: number) {
    if (notification.seq <= position) return;
    write(asEvent(notification, unreadCount));
    position = notification.seq;
  }

  function live(push: NotificationPush) {
    if (behind) return;
    if (push.type === 'unread') {
      if (filling) unreadAfterFill = push.unreadCount;
      else write({ event: 'unread', data: { unreadCount: push.unreadCount } });
    } else if (push.notification.seq === position + 1 && !filling) deliver(push.notification, push.unreadCount);
    else if (push.notification.seq > position) {
      ahead.set(push.notification.seq, push);
      void fill();
    }
  }

  return {
    push(push) {
      if (held) held.push(push);
      else live(push);
    },
    open({ from, notifications, unreadCount, more }) {
      if (!held) throw new Error('the stream is already open');
      position = from;
      for (const notification of notifications) deliver(notification, unreadCount);
      write({ event: 'unread', id: position, data: { unreadCount } });
      const waiting = held;
      held = undefined;
      if (more) return fellBehind();
      for (const push of waiting) live(push);
    },
  };
}
