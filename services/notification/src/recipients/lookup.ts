import { findRecipient, isErased, type RecipientModels } from './store.js';

/** The recipient replica, for the notification features. */
export const recipientOf = (models: RecipientModels, userId: string) => findRecipient(models, userId);
export const wasErased = (models: RecipientModels, userId: string) => isErased(models, userId);
export type { RecipientModels } from './store.js';
