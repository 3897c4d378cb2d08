import { randomUUID } from 'node:crypto';
import type { LoginRequest, RegisterRequest } from '@smartcourse/contracts';
import { AppError, appendToOutbox, conflict, eventRecord, type Knex, type MessageContext, type OutboxRelay, type TokenSettings } from '@smartcourse/platform';
import { profileOf } from './rules.js';
import { findCredentials, insertUser, isUniqueViolation } from './store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { issueAccessToken } from './tokens.js';

export interface CredentialDeps {
  db: Knex;
  relay: OutboxRelay;
  tokens: TokenSettings;
}

/** Creates an account: the user row and its `user.registered` event commit together. */
export async function register(deps: CredentialDeps, input: RegisterRequest, context: MessageContext) {
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

const invalidCredentials = () => new AppError({ code: 'INVALID_CREDENTIALS', status: 401, message: 'Email or password is wrong.' });

/** Checks a password and issues an access token; an unknown email costs the same time as a wrong password. */
export async function login(deps: CredentialDeps, input: LoginRequest) {
  const found = await findCredentials(deps.db, input.email);
  const valid = await verifyPassword(found?.passwordHash, input.password);
  if (!found || !valid) throw invalidCredentials();
  return issueAccessToken(deps.tokens, found.user);
}

