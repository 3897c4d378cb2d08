import type { Subscription } from '@smartcourse/platform';
import { handleUserErased, handleUserRegistered, type NotificationDeps } from './notifications/handlers.js';

export const CONSUMER_GROUP = 'notification';

/** Every topic this service consumes → its handler. */
export function subscriptions(deps: NotificationDeps): Subscription[] {
  return [
    { topic: 'user.registered', handle: (message, log) => handleUserRegistered(deps, message, log) },
    { topic: 'user.erased', handle: (message, log) => handleUserErased(deps, message, log) },
  ];
}
