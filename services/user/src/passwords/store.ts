import { oneTimeTokenStore } from '../one-time-tokens.js';

/** Password reset tokens (30 minutes); a reset spends every outstanding one of the account. */
export const {
  replaceToken,
  findToken,
  useAllTokens: useTokens,
  sentSince,
  deleteExpired: deleteExpiredResetTokens,
} = oneTimeTokenStore('password_reset_tokens');
