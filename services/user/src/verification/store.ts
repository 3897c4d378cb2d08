import { oneTimeTokenStore } from '../one-time-tokens.js';

/** Email verification tokens (24 hours). */
export const { replaceToken, findToken, useToken, sentSince, deleteExpired: deleteExpiredVerificationTokens } = oneTimeTokenStore('email_verification_tokens');
