import type { z } from 'zod';
import { Backlog, NotificationList, type Notification } from '@smartcourse/contracts';
import { unavailable, type Actor } from '@smartcourse/platform';
import type { InternalClient, ServiceResponse } from '../internal-client.js';

const PAGE = 100;

export interface ReadBacklog {
  /** The position the backlog starts after. */
  from: number;
  /** Oldest first, every seq above `from`. */
  notifications: Notification[];
  unreadCount: number;
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
  const answer = await client.call('/internal/notifications?page=1&per_page=1', { actor, correlationId });
  if (answer.status !== 200) return { refused: answer };
  return parsed(NotificationList, answer).data[0]?.seq ?? 0;
}

/**
 * What a stream writes before it goes live: every notification after `after`, page by page, with
 * the current unread count. Without `after` the stream starts from now (the newest seq), so a new
 * connection does not replay the whole inbox.
 */
export async function readBacklog(call: Call, after: number | undefined): Promise<ReadBacklog | RefusedBacklog> {
  const from = after ?? (await newestSeq(call));
  if (typeof from !== 'number') return from;
  const notifications: Notification[] = [];
  let position = from;
  for (;;) {
    const answer = await call.client.call(`/internal/notifications/backlog?after=${position}&limit=${PAGE}`, { actor: call.actor, correlationId: call.correlationId });
    if (answer.status !== 200) return { refused: answer };
    const page = parsed(Backlog, answer);
    notifications.push(...page.data);
    position = page.data.at(-1)?.seq ?? position;
    if (page.data.length < PAGE) return { from, notifications, unreadCount: page.unreadCount };
  }
}
