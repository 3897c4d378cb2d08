import { randomUUID } from 'node:crypto';
import { appendToOutbox, eventRecord, type Knex, type MessageContext } from '@smartcourse/platform';
import type { User } from './rules.js';
import { findCredentials, findById, setRole } from './store.js';

/**
 * Makes an existing account an admin, with its `user.role_changed` event, in one transaction.
 * Only the operator CLI calls this: no public route can create an admin.
 */
export async function grantAdmin(db: Knex, email: string, context: MessageContext): Promise<{ user: User; changed: boolean }> {
  return db.transaction(async (trx) => {
    const found = await findCredentials(trx, email);
    if (!found || found.user.status === 'erased') throw new Error(`no account with email ${email}`);
    const user = (await findById(trx, found.user.id, { forUpdate: true }))!;
    if (user.role === 'admin') return { user, changed: false };
    const updated = await setRole(trx, user.id, 'admin');
    await appendToOutbox(trx, user.id, [
      eventRecord(
        'user.role_changed',
        { eventId: randomUUID(), occurredAt: Date.now(), userId: user.id, role: 'admin', previousRole: user.role, by: 'cli' },
        { service: 'user', key: user.id, context },
      ),
    ]);
    return { user: updated, changed: true };
  });
}
