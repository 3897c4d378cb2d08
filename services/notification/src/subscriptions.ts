import type { Subscription } from '@smartcourse/platform';
import { handleUserErased, handleUserRegistered, type NotificationDeps } from './notifications/handlers.js';

/** Every topic this service consumes → its handler. */
export function subscriptions(deps: NotificationDeps): Subscription[] {
  return [
    // Both read from the start: a new group replays every account (a welcome mail is sent once per event).
    { topic: 'user.registered', fromBeginning: true, handle: (message, log) => handleUserRegistered(deps, message, log) },
    { topic: 'user.erased', fromBeginning: true, handle: (message, log) => handleUserErased(deps, message, log) },
  ];
}
