import type { UserProfileUpdated, UserRegistered } from '@smartcourse/contracts';
import type { IncomingMessage, Subscription } from '@smartcourse/platform';
import { keepName, keepRegistration, type RecipientModels } from './store.js';

/** Registrations and profile changes keep the recipient's address and name. */
export function recipientSubscriptions(models: RecipientModels): Subscription[] {
  return [
    {
      topic: 'user.profile_updated',
      fromBeginning: true,
      async handle(message: IncomingMessage) {
        const event = message.value as unknown as UserProfileUpdated;
        await keepName(models, { userId: event.userId, fullName: event.fullName, at: new Date(event.occurredAt) });
      },
    },
  ];
}

/** The part of `user.registered` this feature keeps; the welcome notification is another's. */
export async function keepRegistered(models: RecipientModels, event: UserRegistered): Promise<void> {
  await keepRegistration(models, { userId: event.userId, email: event.email, fullName: event.fullName, at: new Date(event.occurredAt) });
}
