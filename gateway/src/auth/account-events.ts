import type { UserDeactivated, UserErased } from '@smartcourse/contracts';
import type { IncomingMessage, Subscription } from '@smartcourse/platform';
import type { DenyList } from './deny-list.js';

/**
 * Access tokens live 15 minutes and only the gateway checks them, so when an account is
 * deactivated or erased the gateway refuses the tokens it was issued before that moment.
 * Reactivation needs nothing: tokens from a new login are issued after it.
 */
export function accountEventSubscriptions(deps: { denyList: DenyList; accessTtlSeconds: number }): Subscription[] {
  const deny = async (message: IncomingMessage) => {
    const event = message.value as unknown as UserDeactivated | UserErased;
    const remaining = (event.occurredAt + deps.accessTtlSeconds * 1000 - Date.now()) / 1000;
    if (remaining > 0) await deps.denyList.denyUser(event.userId, event.occurredAt, remaining);
  };
  return [
    { topic: 'user.deactivated', fromBeginning: false, handle: deny },
    { topic: 'user.erased', fromBeginning: false, handle: deny },
  ];
}
