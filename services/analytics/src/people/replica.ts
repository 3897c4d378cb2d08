import { on, type Replica } from '@smartcourse/platform';
import { keepErasure, keepRole } from './store.js';

/** Accounts: role, sign-up time, erasure (ids and times only: the user topics' names and emails are not kept). */
export const peopleReplica: Replica = {
  name: 'people',
  description: 'Accounts by role, their sign-up and erasure times, from the user topics.',
  tables: [{ name: 'users', key: ['user_id'] }],
  listeners: [
    on('user.registered', (event, { trx }) =>
      keepRole(trx, { userId: event.userId, role: event.role, at: new Date(event.occurredAt), registeredAt: new Date(event.occurredAt) }),
    ),
    on('user.role_changed', (event, { trx }) => keepRole(trx, { userId: event.userId, role: event.role, at: new Date(event.occurredAt) })),
    on('user.erased', (event, { trx }) => keepErasure(trx, event.userId, new Date(event.occurredAt))),
  ],
};
