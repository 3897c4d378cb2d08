import type { DocumentContext, EventHandler } from '@smartcourse/platform';
import { eraseRecipient, keepName, keepRegistration, type RecipientModels } from './store.js';

/** The part of `user.registered` this feature keeps (address and name); the welcome notification is another's. */
export const keepRegistered =
  (models: RecipientModels): EventHandler<'user.registered', DocumentContext> =>
  (event) =>
    keepRegistration(models, { userId: event.userId, email: event.email, fullName: event.fullName, at: new Date(event.occurredAt) });

/** A profile change keeps the recipient's name. */
export const keepProfileName =
  (models: RecipientModels): EventHandler<'user.profile_updated', DocumentContext> =>
  (event) =>
    keepName(models, { userId: event.userId, fullName: event.fullName, at: new Date(event.occurredAt) });

/**
 * An erasure records the id first (so a notification being written meanwhile sees it), then
 * `purge` forgets everything else stored for the person.
 */
export const eraseRecipientOf =
  (models: RecipientModels, purge: (userId: string) => Promise<void>): EventHandler<'user.erased', DocumentContext> =>
  async (event, { log }) => {
    await eraseRecipient(models, event.userId, new Date(event.occurredAt));
    await purge(event.userId);
    log.info({ userId: event.userId }, 'recipient, inbox, deliveries and preferences of an erased user purged');
  };
