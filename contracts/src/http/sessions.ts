import { z } from 'zod';
import { MfaLoginRequest } from './mfa.js';
import { LoginRequest } from './users.js';

/** Sessions: refresh-token rotation, logout, the session list, browser (cookie) mode. */

/** Headers on gateway → user service calls: where the login really came from. */
export const CLIENT_IP_HEADER = 'x-client-ip';
export const CLIENT_USER_AGENT_HEADER = 'x-client-user-agent';

/**
 * `token` (default) answers the refresh token in the body; `cookie` puts it in an httpOnly
 * cookie for browsers, with a CSRF token for the double-submit check.
 */
export const SessionMode = z.enum(['token', 'cookie']);
export type SessionMode = z.infer<typeof SessionMode>;

export const LoginBody = z.strictObject({ ...LoginRequest.shape, mode: SessionMode.optional() });
export type LoginBody = z.infer<typeof LoginBody>;

export const MfaLoginBody = z.strictObject({ ...MfaLoginRequest.shape, mode: SessionMode.optional() });
export type MfaLoginBody = z.infer<typeof MfaLoginBody>;

const refreshToken = z.string().min(32).max(128);

export const RefreshRequest = z.strictObject({ refreshToken });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** At the public edge the token may instead come from the refresh cookie. */
export const RefreshBody = z.strictObject({ refreshToken: refreshToken.optional() });
export type RefreshBody = z.infer<typeof RefreshBody>;

/** Internal: the session the logging-out access token belongs to. */
export const LogoutRequest = z.strictObject({ sessionId: z.uuid().optional() });
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const SessionParams = z.strictObject({ id: z.uuid() });
export const SessionListQuery = z.strictObject({ current: z.uuid().optional() });

export const SessionView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  userAgent: z.string().nullable(),
  clientIp: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionList = z.array(SessionView);
