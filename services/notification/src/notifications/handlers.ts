import type { UserErased, UserRegistered } from '@smartcourse/contracts';
import type { IncomingMessage, Logger, Mailer } from '@smartcourse/platform';
import { welcomeEmail } from './rules.js';
import { deleteForUser, isErased, markAttemptFailed, markSent, recordErasure, upsertForEvent, type NotificationModel } from './store.js';

export interface NotificationDeps {
  notifications: NotificationModel;
  mailer: Mailer;
}

/**
 * Stores the welcome notification (one per event id), then sends it unless it was already
 * sent: the same event delivered twice sends one email. Nothing is stored or sent for a user
 * already erased (a replay of the compacted topic, or a redelivery racing the erasure).
 */
export async function handleUserRegistered(deps: NotificationDeps, message: IncomingMessage, log: Logger): Promise<void> {
  const event = message.value as unknown as UserRegistered;
  if (await isErased(deps.notifications, event.userId)) {
    log.info({ eventId: event.eventId, userId: event.userId }, 'user already erased; registration ignored');
    return;
  }
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
  // The erasure handler records the id before it purges, so an erasure that ran between the
  // check above and the upsert is seen here; one that runs later purges what was just stored.
  if (await isErased(deps.notifications, event.userId)) {
    await deleteForUser(deps.notifications, event.userId);
    log.info({ eventId: event.eventId, userId: event.userId }, 'user erased meanwhile; registration ignored');
    return;
  }
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

/**
 * Records the erased id, then purges the user's notifications; naturally idempotent. The
 * record comes first so that a registration handled meanwhile sees it (see above).
 */
export async function handleUserErased(deps: NotificationDeps, message: IncomingMessage, log: Logger): Promise<void> {
  const event = message.value as unknown as UserErased;
  await recordErasure(deps.notifications, event.userId, new Date(event.occurredAt));
  const deleted = await deleteForUser(deps.notifications, event.userId);
  log.info({ userId: event.userId, deleted }, 'notifications of an erased user purged');
}
