import type { Knex } from '@smartcourse/platform';
import { deleteProfile } from './store.js';

/** Removes an instructor's public profile (account erasure). */
export const removeInstructorProfile = (trx: Knex.Transaction, userId: string) => deleteProfile(trx, userId);
