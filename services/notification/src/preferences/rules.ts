import { notificationCategories, type NotificationCategory, type Preferences, type PreferencesUpdate } from '@smartcourse/contracts';
import { validationError } from '@smartcourse/platform';

export interface Channels {
  email: boolean;
  inApp: boolean;
}

/** What is stored of a person's choices: only the switches they changed; every other one is on. */
export type StoredChoices = Partial<Record<NotificationCategory, Partial<Channels>>>;

/** A category's channels: on unless switched off; account mail always on, whatever is stored. */
export function channelsOf(choices: StoredChoices | undefined, category: NotificationCategory): Channels {
  const chosen = choices?.[category];
  return { email: category === 'account' || chosen?.email !== false, inApp: chosen?.inApp !== false };
}

/** Every category's channels, as the API shows them. */
export function preferencesOf(choices: StoredChoices | undefined): Preferences {
  return { categories: Object.fromEntries(notificationCategories.map((category) => [category, channelsOf(choices, category)])) as Preferences['categories'] };
}

/**
 * The switches an update sets, as `category.channel` → on/off. Account mail cannot be switched
 * off (it carries password resets and security notices): asking to is refused, naming the field;
 * asking for it on is a no-op and stores nothing.
 */
export function switchesOf(update: PreferencesUpdate): Map<`${NotificationCategory}.${keyof Channels}`, boolean> {
  if (update.categories.account?.email === false) {
    throw validationError([{ path: 'categories.account.email', message: 'account emails cannot be switched off' }]);
  }
  const switches = new Map<`${NotificationCategory}.${keyof Channels}`, boolean>();
  for (const category of notificationCategories) {
    const change = update.categories[category];
    if (!change) continue;
    if (change.email !== undefined && category !== 'account') switches.set(`${category}.email`, change.email);
    if (change.inApp !== undefined) switches.set(`${category}.inApp`, change.inApp);
  }
  return switches;
}
