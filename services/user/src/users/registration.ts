import { randomUUID } from 'node:crypto';
import type { RegisterRequest } from '@smartcourse/contracts';
import { conflict, eventRecord, inTransaction, type MessageContext, type Writer } from '@smartcourse/platform';
import { enforcePasswordPolicy } from '../passwords/policy.js';
import type { PasswordPolicy } from '../passwords/rules.js';
import { createVerificationToken, sendVerificationLinkInBackground, type LinkMail } from '../verification/links.js';
import { profileOf } from './rules.js';
import { insertUser, isUniqueViolation } from './store.js';
import { hashPassword } from './passwords.js';

export interface RegistrationDeps extends Writer {
  policy: PasswordPolicy;
  /** Mails the verification link; the operator CLI has none and mails nothing. */
  links?: LinkMail;
}

/**
 * Creates an account: the user row, its `user.registered` event and an email verification
 * token commit together; the link is mailed after the commit.
 */
export async function register(deps: RegistrationDeps, input: RegisterRequest, context: MessageContext) {
  enforcePasswordPolicy(deps.policy, input.password, input.email, 'password');
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    const { user, token } = await inTransaction(deps, async ({ trx, emit }) => {
      const created = await insertUser(trx, { id: userId, email: input.email, passwordHash, fullName: input.fullName, role: 'student' });
      emit(
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
      );
      return { user: created, token: await createVerificationToken(trx, userId) };
    });
    if (deps.links) sendVerificationLinkInBackground(deps.links, user, token);
    return profileOf(user);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('EMAIL_TAKEN', 'An account with this email already exists.');
    throw error;
  }
}
