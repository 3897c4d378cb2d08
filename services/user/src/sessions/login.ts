import type { LoginRequest } from '@smartcourse/contracts';
import { AppError, type Knex, type TokenSettings } from '@smartcourse/platform';
import { authenticate } from '../users/credentials.js';
import { issueAccessToken } from './tokens.js';

export interface LoginDeps {
  db: Knex;
  tokens: TokenSettings;
}

const invalidCredentials = () => new AppError({ code: 'INVALID_CREDENTIALS', status: 401, message: 'Email or password is wrong.' });

/** Checks a password and issues an access token. */
export async function login(deps: LoginDeps, input: LoginRequest) {
  const user = await authenticate(deps.db, input.email, input.password);
  if (!user) throw invalidCredentials();
  return issueAccessToken(deps.tokens, user);
}
