import { randomUUID } from 'node:crypto';
import { eventRecord, inTransaction, type MessageContext, type Writer } from '@smartcourse/platform';
import { digestToken, invalidToken, markEmailVerified, tokenUsable } from '../users/credentials.js';
import { findUser } from '../users/store.js';
import { findToken, useToken } from './store.js';

export type ConfirmDeps = Writer;

/**
 * Spends a verification token and marks the email verified, with its `user.email_verified`
 * event, in one transaction. The user row is locked before the token, as a resend does.
 */
export async function confirmEmail(deps: ConfirmDeps, token: string, context: MessageContext): Promise<void> {
  const hash = digestToken(token);
  const now = new Date();
  await inTransaction(deps, async ({ trx, emit }) => {
    const unlocked = await findToken(trx, hash);
    const user = unlocked && (await findUser(trx, unlocked.user_id, { forUpdate: true }));
    const row = await findToken(trx, hash, { forUpdate: true });
    if (!user || user.status !== 'active' || !row || !tokenUsable(row, now)) throw invalidToken();
    await useToken(trx, hash);
    if (await markEmailVerified(trx, user.id)) {
      emit(
        eventRecord('user.email_verified', { eventId: randomUUID(), occurredAt: now.getTime(), userId: user.id }, { service: 'user', key: user.id, context }),
      );
    }
  });
}
