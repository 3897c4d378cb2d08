import type { UserErased, UserProfileUpdated, UserRegistered } from '@smartcourse/contracts';
import type { IncomingMessage, Knex, Logger } from '@smartcourse/platform';
import { eraseName, keepName } from './store.js';

/** Display names of the people who teach, from the compacted user topics (every user: a role can change later). */
export function nameHandler(db: Knex) {
  return async (message: IncomingMessage): Promise<void> => {
    const event = message.value as unknown as UserRegistered | UserProfileUpdated;
    await keepName(db, event.userId, event.fullName, new Date(event.occurredAt));
  };
}

/** On `user.erased` the name goes, and later replays of the user's old events are refused. */
export function erasureHandler(db: Knex) {
  return async (message: IncomingMessage, log: Logger): Promise<void> => {
    const event = message.value as unknown as UserErased;
    await db.transaction((trx) => eraseName(trx, event.userId, new Date(event.occurredAt)));
    log.info({ userId: event.userId }, 'display name purged');
  };
}
