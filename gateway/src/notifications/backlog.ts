import type { z } from 'zod';
import { Backlog, BacklogEndpoint, NotificationList, NotificationsEndpoint, type Notification } from '@smartcourse/contracts';
import { unavailable, type Actor } from '@smartcourse/platform';
import type { InternalClient, ServiceResponse } from '../internal-client.js';

const PAGE = 100;

export interface ReadBacklog {
  /** The position the backlog starts after. */
  from: number;
  /** Oldest first, every seq above `from`. */
  notifications: Notification[];
  unreadCount: number;
  /** The inbox holds further notifications past the last one read: the limit was reached. */
  more: boolean;
}

/** The notification service's answer when it is not one the stream can start from: relayed as it is. */
export type RefusedBacklog = { refused: ServiceResponse };

type Call = { client: InternalClient; actor: Actor; correlationId: string };

function parsed<S extends z.ZodType>(schema: S, answer: ServiceResponse): z.infer<S> {
  const result = schema.safeParse(answer.body);
  if (!result.success) throw unavailable('The notification service answered a backlog the gateway cannot read.');
  return result.data;
}

/** The newest seq of the caller's inbox (0 when empty): where a stream without `Last-Event-ID` starts. */
async function newestSeq({ client, actor, correlationId }: Call): Promise<number | RefusedBacklog> {
  const answer = await client.call(NotificationsEndpoint, { query: { page: 1, per_page: 1 }, actor, correlationId });
  if (answer.status !== 200) return { refused: answer };
  return parsed(NotificationList, answer).data[0]?.seq ?? 0;
}

/**
 * What a stream writes before it goes live: the notifications after `after`, page by page, at most
 * `limit` of them (`more` when the inbox holds further ones), with the current unread count.
 * Without `after` the stream starts from now (the newest seq), so a new connection does not replay
 * the whole inbox; with `Last-Event-ID: 0` the inbox comes `limit` at a time, one connection each.
 */
export async function readBacklog(call: Call, after: number | undefined, limit: number): Promise<ReadBacklog | RefusedBacklog> {
  const from = after ?? (await newestSeq(call));
  if (typeof from !== 'number') return from;
  const notifications: Notification[] = [];
  let position = from;
  for (;;) {
    // One more than the limit tells whether the inbox goes on past it.
    const wanted = Math.min(PAGE, limit + 1 - notifications.length);
    const answer = await call.client.call(BacklogEndpoint, { query: { after: position, limit: wanted }, actor: call.actor, correlationId: call.correlationId });
    if (answer.status !== 200) return { refused: answer };
    const page = parsed(Backlog, answer);
    notifications.push(...page.data);
    position = page.data.at(-1)?.seq ?? position;
    if (notifications.length > limit) return { from, notifications: notifications.slice(0, limit), unreadCount: page.unreadCount, more: true };
    if (page.data.length < wanted) return { from, notifications, unreadCount: page.unreadCount, more: false };
  }
}
