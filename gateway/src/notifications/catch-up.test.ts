import { describe, expect, it } from '@jest/globals';
import type { Notification, NotificationPush } from '@smartcourse/contracts';
import { createCatchUp, type StreamEvent } from './catch-up.js';

const notification = (seq: number): Notification => ({
  id: seq.toString(16).padStart(24, '0'),
  seq,
  category: 'certificate',
  kind: 'certificate-issued',
  title: `Notification ${seq}`,
  body: 'Body',
  link: null,
  read: false,
  readAt: null,
  createdAt: new Date(0).toISOString(),
});
const pushed = (seq: number, unreadCount: number): NotificationPush => ({ type: 'notification', notification: notification(seq), unreadCount });

/** A stream whose backlog is `inbox` (what the notification service holds), read at most `limit` at a time. */
function stream(inbox: Notification[] = [], limit = Infinity) {
  const written: StreamEvent[] = [];
  const errors: unknown[] = [];
  const behind: number[] = [];
  const readAfter = async (position: number) => {
    const after = inbox.filter((entry) => entry.seq > position);
    return { notifications: after.slice(0, limit), unreadCount: inbox.length, more: after.length > limit };
  };
  const catchUp = createCatchUp(
    (event) => written.push(event),
    readAfter,
    (error) => errors.push(error),
    () => behind.push(written.length),
  );
  return { catchUp, written, errors, behind, ids: () => written.map((event) => event.id ?? null) };
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('a stream catching up', () => {
  it('writes nothing before the backlog is read', () => {
    const { catchUp, written } = stream();
    catchUp.push(pushed(4, 1));
    expect(written).toEqual([]);
  });

  it('writes the backlog, the unread count at the position, then held pushes the backlog did not carry', () => {
    const { catchUp, written, ids } = stream();
    catchUp.push(pushed(6, 3));
    catchUp.push(pushed(7, 4));
    catchUp.open({ from: 4, notifications: [notification(5), notification(6)], unreadCount: 3 });
    expect(ids()).toEqual([5, 6, 6, 7]);
    expect(written.map((event) => event.event)).toEqual(['notification', 'notification', 'unread', 'notification']);
    expect(written[2]).toEqual({ event: 'unread', id: 6, data: { unreadCount: 3 } });
    expect(written[3]).toMatchObject({ data: { unreadCount: 4 } });
  });

  it('marks the position it started from when there is no backlog', () => {
    const { catchUp, written } = stream();
    catchUp.open({ from: 12, notifications: [], unreadCount: 0 });
    expect(written).toEqual([{ event: 'unread', id: 12, data: { unreadCount: 0 } }]);
  });

  it('keeps held unread counts, in order, without an id', () => {
    const { catchUp, written } = stream();
    catchUp.push({ type: 'unread', unreadCount: 2 });
    catchUp.push({ type: 'unread', unreadCount: 0 });
    catchUp.open({ from: 3, notifications: [], unreadCount: 2 });
    expect(written.slice(1)).toEqual([
      { event: 'unread', data: { unreadCount: 2 } },
      { event: 'unread', data: { unreadCount: 0 } },
    ]);
  });

  it('writes crosswise pushes in seq order, reading a skipped one from the backlog', async () => {
    const { catchUp, ids, errors } = stream([notification(1), notification(2), notification(3)]);
    catchUp.open({ from: 0, notifications: [], unreadCount: 0 });
    catchUp.push(pushed(2, 2));
    catchUp.push(pushed(1, 2));
    catchUp.push(pushed(3, 3));
    await settled();
    expect(ids()).toEqual([0, 1, 2, 3]);
    expect(errors).toEqual([]);
  });

  it('writes a push ahead of its turn once the gap is read, even when the backlog does not carry it', async () => {
    const { catchUp, ids } = stream([notification(1)]);
    catchUp.open({ from: 0, notifications: [], unreadCount: 0 });
    catchUp.push(pushed(5, 1));
    await settled();
    expect(ids()).toEqual([0, 1, 5]);
  });

  it('writes pushes at once after opening', () => {
    const { catchUp, ids } = stream();
    catchUp.open({ from: 0, notifications: [], unreadCount: 0 });
    catchUp.push(pushed(1, 1));
    catchUp.push({ type: 'unread', unreadCount: 0 });
    expect(ids()).toEqual([0, 1, null]);
  });

  it('stops after a backlog that is not the whole gap, writing no held push past it', () => {
    const { catchUp, ids, behind } = stream();
    catchUp.push(pushed(9, 5));
    catchUp.open({ from: 4, notifications: [notification(5), notification(6)], unreadCount: 5, more: true });
    catchUp.push(pushed(10, 6));
    expect(ids()).toEqual([5, 6, 6]);
    expect(behind).toEqual([3]);
  });

  it('stops after a gap read that reached its limit', async () => {
    const { catchUp, ids, behind } = stream([5, 6, 7, 8, 9].map(notification), 2);
    catchUp.open({ from: 4, notifications: [], unreadCount: 0 });
    catchUp.push(pushed(9, 5));
    await settled();
    catchUp.push(pushed(10, 6));
    await settled();
    expect(ids()).toEqual([4, 5, 6]);
    expect(behind).toEqual([3]);
  });
});
