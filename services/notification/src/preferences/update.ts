import type { Preferences, PreferencesUpdate } from '@smartcourse/contracts';
import { preferencesOf, switchesOf } from './rules.js';
import { findChoices, setSwitches, type PreferenceModel } from './store.js';

/** Applies a partial update (only the switches it names change) and returns every category's channels after it. */
export async function updatePreferences(model: PreferenceModel, userId: string, update: PreferencesUpdate): Promise<Preferences> {
  const switches = switchesOf(update);
  const stored = switches.size === 0 ? await findChoices(model, userId) : await setSwitches(model, userId, switches);
  return preferencesOf(stored);
}
