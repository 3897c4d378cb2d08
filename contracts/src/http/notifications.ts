import { z } from 'zod';
import { queryFlag } from './text.js';
import { PageMeta } from './admin.js';

/** Request and response bodies of the notification routes, shared by the gateway and the notification service. */

export const notificationCategories = ['account', 'enrollment', 'progress', 'assessment', 'teaching', 'certificate', 'course'] as const;
export const NotificationCategory = z.enum(notificationCategories);
export type NotificationCategory = z.infer<typeof NotificationCategory>;

/** An in-app notification. `seq` grows by one per notification of its recipient: the SSE event id. */
export const Notification = z.object({
  id: z.string(),
  seq: z.number().int(),
  category: NotificationCategory,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where it leads in the app (a path or a URL), when anywhere. */
  link: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationList = z.object({ data: z.array(Notification), meta: PageMeta });

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
export const NotificationListQuery = z.strictObject({ unread: queryFlag().optional(), page, per_page: perPage });
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationParams = z.strictObject({ notificationId: z.string().regex(/^[0-9a-f]{24}$/, 'a notification id is 24 hex characters') });
export type NotificationParams = z.infer<typeof NotificationParams>;

export const UnreadCount = z.object({ count: z.number().int() });

/** What a live stream receives, on Redis from the notification service and as SSE from the gateway. */
export const NotificationPush = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notification'), notification: Notification, unreadCount: z.number().int() }),
  z.object({ type: z.literal('unread'), unreadCount: z.number().int() }),
]);
export type NotificationPush = z.infer<typeof NotificationPush>;

/** The Redis channel of one person's pushes. */
export const notificationChannel = (userId: string) => `notifications:user:${userId}`;

/** The in-app notifications after a stream position (`Last-Event-ID`), oldest first, for a reconnecting stream. */
export const BacklogQuery = z.strictObject({ after: z.coerce.number().int().min(0), limit: z.coerce.number().int().min(1).max(500).default(100) });
export type BacklogQuery = z.infer<typeof BacklogQuery>;
export const Backlog = z.object({ data: z.array(Notification), unreadCount: z.number().int() });

const ChannelSwitches = z.strictObject({ email: z.boolean(), inApp: z.boolean() });
/** Per category, email and in-app on or off. Account mail cannot be switched off. */
export const Preferences = z.object({ categories: z.record(NotificationCategory, ChannelSwitches) });
export type Preferences = z.infer<typeof Preferences>;
/** A change of some categories' switches; the others stay as they are. */
export const PreferencesUpdate = z.strictObject({ categories: z.partialRecord(NotificationCategory, ChannelSwitches.partial()) });
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;
