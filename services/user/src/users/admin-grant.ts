import { randomUUID } from 'node:crypto';
import { eventRecord, inTransaction, type MessageContext, type Writer } from '@smartcourse/platform';
import type { User } from './rules.js';
import { findCredentials, findUser, setRole } from './store.js';

/**
 * Makes an existing account an admin, with its `user.role_changed` event, in one transaction.
 * Only the operator CLI calls this: no public route can create an admin.
 */
export async function grantAdmin(writer: Writer, email: string, context: MessageContext): Promise<{ user: User; changed: boolean }> {
  return inTransaction(writer, async ({ trx, emit }) => {
    const found = await findCredentials(trx, email);
    if (!found || found.user.status === 'erased') throw new Error(`no account with email ${email}`);
    const user = (await findUser(trx, found.user.id, { forUpdate: true }))!;
    if (user.role === 'admin') return { user, changed: false };
    const updated = await setRole(trx, user.id, 'admin');
    emit(
      eventRecord(
        'user.role_changed',
        { eventId: randomUUID(), occurredAt: Date.now(), userId: user.id, role: 'admin', previousRole: user.role, by: 'cli' },
        { service: 'user', key: user.id, context },
      ),
    );
    return { user: updated, changed: true };
  });
}
