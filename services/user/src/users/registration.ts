import { randomUUID } from 'node:crypto';
import type { RegisterRequest } from '@smartcourse/contracts';
import { appendToOutbox, conflict, eventRecord, type Knex, type MessageContext, type OutboxRelay } from '@smartcourse/platform';
import { profileOf } from './rules.js';
import { insertUser, isUniqueViolation } from './store.js';
import { hashPassword } from './passwords.js';

export interface RegistrationDeps {
  db: Knex;
  relay: Pick<OutboxRelay, 'wake'>;
}

/** Creates an account: the user row and its `user.registered` event commit together. */
export async function register(deps: RegistrationDeps, input: RegisterRequest, context: MessageContext) {
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    const user = await deps.db.transaction(async (trx) => {
      const created = await insertUser(trx, { id: userId, email: input.email, passwordHash, fullName: input.fullName, role: 'student' });
      await appendToOutbox(trx, userId, [
        eventRecord(
          'user.registered',
          {
            eventId: randomUUID(),
            occurredAt: created.createdAt.getTime(),
            userId,
            email: created.email,
            fullName: created.fullName,
            role: created.role,
            emailVerified: false,
          },
          { service: 'user', key: userId, context },
        ),
      ]);
      return created;
    });
    deps.relay.wake();
    return profileOf(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('EMAIL_TAKEN', 'An account with this email already exists.');
    throw error;
  }
}
