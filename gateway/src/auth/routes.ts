import { LoginRequest, RegisterRequest, TokenResponse, UserProfile } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import type { InternalClient } from '../internal-client.js';
import { relay } from '../relay.js';
import { inputOf, type RouteSpec } from '../routing/spec.js';

/** Credential operations: synchronous calls to the user service, never through Kafka. */
export function authRoutes(deps: { users: InternalClient }): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/auth/register',
      summary: 'Create an account',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: RegisterRequest },
      responses: { 201: { description: 'The new account', body: UserProfile } },
      errors: [{ status: 409, code: 'EMAIL_TAKEN', description: 'An account with this email exists.' }],
      async handler(_req, res) {
        relay(res, await deps.users.call('/internal/auth/register', { method: 'POST', body: inputOf(res).body, correlationId: requestContext(res).correlationId }));
      },
    },
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with email and password',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: LoginRequest },
      responses: { 200: { description: 'An access token', body: TokenResponse } },
      errors: [{ status: 401, code: 'INVALID_CREDENTIALS', description: 'Email or password is wrong.' }],
      async handler(_req, res) {
        relay(res, await deps.users.call('/internal/auth/login', { method: 'POST', body: inputOf(res).body, correlationId: requestContext(res).correlationId }));
      },
    },
  ];
}
