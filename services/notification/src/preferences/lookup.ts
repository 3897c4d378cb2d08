import type { NotificationCategory } from '@smartcourse/contracts';
import { channelsOf, type Channels } from './rules.js';
import { deleteForUser, findChoices, switchEmailOff, type PreferenceModel } from './store.js';

export type { PreferenceModel } from './store.js';
export type { Channels } from './rules.js';

/*
 * What other features of this service may ask of preferences (they never import its store):
 * the channels of a notification, an unsubscribe, an erasure.
 */

/** The channels a notification of this category may use for this person; account email is always on. */
export async function channelsFor(model: PreferenceModel, userId: string, category: NotificationCategory): Promise<Channels> {
  return channelsOf(await findChoices(model, userId), category);
}

/** Switches a category's mail off (an unsubscribe); doing it again changes nothing. Account mail cannot be switched off. */
export async function disableEmail(model: PreferenceModel, userId: string, category: Exclude<NotificationCategory, 'account'>): Promise<void> {
  await switchEmailOff(model, userId, category);
}

/** Removes a person's preferences (erasure); returns how many documents went (0 or 1). */
export function deletePreferences(model: PreferenceModel, userId: string): Promise<number> {
  return deleteForUser(model, userId);
}
