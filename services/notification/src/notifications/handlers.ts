import type { UserErased, UserRegistered } from '@smartcourse/contracts';
import type { IncomingMessage, Logger, Mailer } from '@smartcourse/platform';
import { welcomeEmail } from './rules.js';
import { deleteForUser, markAttemptFailed, markSent, upsertForEvent, type NotificationModel } from './store.js';

export interface NotificationDeps {
  notifications: NotificationModel;
  mailer: Mailer;
}

/**
 * Stores the welcome notification (one per event id), then sends it unless it was already
 * sent: the same event delivered twice sends one email.
 */
export async function handleUserRegistered(deps: NotificationDeps, message: IncomingMessage, log: Logger): Promise<void> {
  const event = message.value as unknown as UserRegistered;
  const email = welcomeEmail(event);
  const stored = await upsertForEvent(deps.notifications, {
    eventId: event.eventId,
    userId: event.userId,
    kind: 'welcome',
    channel: 'email',
    to: email.to,
    subject: email.subject,
    body: email.text,
  });
  if (stored.status === 'sent') {
    log.info({ eventId: event.eventId }, 'welcome email already sent; duplicate ignored');
    return;
  }
  try {
    const { messageId } = await deps.mailer.send(email);
    await markSent(deps.notifications, event.eventId, messageId);
    log.info({ eventId: event.eventId, userId: event.userId }, 'welcome email sent');
  } catch (error) {
    await markAttemptFailed(deps.notifications, event.eventId);
    throw error;
  }
}

/** Purges the user's notifications; naturally idempotent. */
export async function handleUserErased(deps: NotificationDeps, message: IncomingMessage, log: Logger): Promise<void> {
  const event = message.value as unknown as UserErased;
  const deleted = await deleteForUser(deps.notifications, event.userId);
  log.info({ userId: event.userId, deleted }, 'notifications of an erased user purged');
}
