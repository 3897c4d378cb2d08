import type { NotificationCategory } from '@smartcourse/contracts';
import { signUnsubscribeToken } from './token.js';

/** Where a mail's unsubscribe link leads: the gateway's public one-click route. */
const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

/**
 * The unsubscribe link of a mail of this category to this person. Account mail has none (it
 * cannot be switched off): asking for one is a bug, so it throws.
 */
export function unsubscribeUrl(
  publicAppUrl: string,
  secret: string,
  userId: string,
  category: NotificationCategory,
  options: { now?: Date; ttlSeconds?: number } = {},
): string {
  if (category === 'account') throw new Error('account mail cannot be unsubscribed from: it has no unsubscribe link');
  // Appended, not resolved: an app served under a path prefix keeps it.
  const token = signUnsubscribeToken(secret, { userId, category }, options);
  return `${publicAppUrl.replace(/\/+$/, '')}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}

/** The RFC 8058 one-click headers for a mail carrying this unsubscribe link (RFC 2369 angle brackets). */
export function unsubscribeHeaders(url: string): { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
