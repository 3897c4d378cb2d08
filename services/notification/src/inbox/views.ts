import type { Notification } from '@smartcourse/contracts';
import type { InboxEntry } from './store.js';

export const notificationView = (entry: InboxEntry): Notification => ({
  id: entry._id.toHexString(),
  seq: entry.seq,
  category: entry.category,
  kind: entry.kind,
  title: entry.title,
  body: entry.body,
  link: entry.link,
  read: entry.read,
  readAt: entry.readAt?.toISOString() ?? null,
  createdAt: entry.createdAt.toISOString(),
});
