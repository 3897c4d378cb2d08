import type { Request, Response } from 'express';
import {
  LoginBody,
  LoginEndpoint,
  LogoutEndpoint,
  MfaChallenge,
  MfaLoginBody,
  MfaLoginEndpoint,
  RefreshBody,
  RefreshEndpoint,
  RegisterEndpoint,
  RegisterRequest,
  RevokeSessionEndpoint,
  SessionList,
  SessionParams,
  SessionsEndpoint,
  TokenResponse,
  UserProfile,
  type SessionMode,
} from '@smartcourse/contracts';
import { AppError, header, type TokenSettings } from '@smartcourse/platform';
import type { CallContext, InternalClient, ServiceResponse } from '../../../internal-client.js';
import { onBehalfOf, relay } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';
import { readCookie } from '../../../edge/read-cookie.js';
import { assertCsrf, clearSessionCookies, REFRESH_COOKIE, setSessionCookies } from './cookies.js';
import type { DenyList } from '../../../auth/deny-list.js';
import { userOf } from '../../../auth/middleware.js';

export interface AuthDeps {
  users: InternalClient;
  tokens: TokenSettings;
  denyList: DenyList;
}

const locked: ErrorSpec = { code: 'LOGIN_LOCKED' };
const throttled: ErrorSpec = { code: 'LOGIN_THROTTLED' };
const deactivated: ErrorSpec = { code: 'ACCOUNT_DEACTIVATED' };
const csrfFailed: ErrorSpec = { code: 'CSRF_FAILED' };
const invalidRefresh = () => new AppError({ code: 'INVALID_REFRESH_TOKEN', message: 'The refresh token is not valid; log in again.' });

/** The caller, and the client it calls from: the user service records both with a session. */
const contextOf = (req: Request, res: Response): CallContext => ({ ...onBehalfOf(res), clientIp: req.ip, userAgent: header(req, 'user-agent') });

/**
 * Answers a token pair. In cookie mode the refresh token goes only into its httpOnly cookie,
 * and the body carries the CSRF token instead; the access token also goes into the stream's
 * cookie, for the browser's EventSource.
 */
function answerTokens(res: Response, answer: ServiceResponse, mode: SessionMode | undefined): void {
  const data = (answer.body as { data?: Record<string, unknown> } | undefined)?.data;
  if (answer.status !== 200 || mode !== 'cookie' || typeof data?.refreshToken !== 'string') return relay(res, answer);
  const { refreshToken, ...rest } = data;
  const csrfToken = setSessionCookies(res, {
    refreshToken,
    refreshMaxAgeSeconds: Number(data.refreshExpiresIn),
    accessToken: String(data.accessToken),
    accessMaxAgeSeconds: Number(data.expiresIn),
  });
  res.json({ data: { ...rest, csrfToken } });
}

/** Credential and session operations: synchronous calls to the user service, never through Kafka. */
export function authRoutes(deps: AuthDeps): RouteSpec[] {
  /**
   * A reused refresh token ends its session (family): the access tokens its rotations issued are
   * refused from now on too, not when they expire. The session id stays between the services.
   */
  async function endReusedFamily(answer: ServiceResponse): Promise<ServiceResponse> {
    const error = (answer.body as { error?: { code?: string; message?: string; details?: { sessionId?: unknown } } } | undefined)?.error;
    if (error?.code !== 'REFRESH_TOKEN_REUSED') return answer;
    const sessionId = error.details?.sessionId;
    if (typeof sessionId !== 'string') throw new Error('the user service named no session for a reused refresh token');
    await deps.denyList.deny({ sessionId }, deps.tokens.accessTtlSeconds);
    return { ...answer, body: { error: { code: error.code, message: error.message } } };
  }

  return [
    route({
      method: 'post',
      path: '/api/auth/register',
      summary: 'Create an account',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: RegisterRequest },
      responses: { 201: { description: 'The new account', body: UserProfile } },
      errors: [{ code: 'EMAIL_TAKEN' }],
      async handler({ body }, res, req) {
        relay(res, await deps.users.call(RegisterEndpoint, { body, ...contextOf(req, res) }));
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in: tokens, or an MFA challenge; `mode: "cookie"` keeps the refresh token in an httpOnly cookie',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: LoginBody },
      responses: { 200: { description: 'An access and a refresh token, or an MFA challenge', body: TokenResponse.or(MfaChallenge) } },
      errors: [{ code: 'INVALID_CREDENTIALS', description: 'Email or password is wrong.' }, deactivated, locked, throttled],
      async handler({ body: { mode, ...credentials } }, res, req) {
        answerTokens(res, await deps.users.call(LoginEndpoint, { body: credentials, ...contextOf(req, res) }), mode);
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/login/mfa',
      summary: 'Second login step: the challenge token and a TOTP or recovery code',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: MfaLoginBody },
      responses: { 200: { description: 'An access and a refresh token', body: TokenResponse } },
      errors: [
        { code: 'INVALID_MFA_CODE', description: 'The code is not valid.' },
        { code: 'INVALID_MFA_CHALLENGE', description: 'The challenge expired, was used, or saw too many wrong codes.' },
        deactivated,
      ],
      async handler({ body: { mode, ...step } }, res, req) {
        answerTokens(res, await deps.users.call(MfaLoginEndpoint, { body: step, ...contextOf(req, res) }), mode);
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/refresh',
      summary: 'Rotate a refresh token (body, or the sc_refresh cookie with X-CSRF-Token) for a new pair',
      tag: 'auth',
      access: 'public',
      rateLimit: 'credentials',
      request: { body: RefreshBody },
      responses: { 200: { description: 'A new access and refresh token; the presented one is spent', body: TokenResponse } },
      errors: [
        { code: 'INVALID_REFRESH_TOKEN', description: 'Unknown, expired or revoked refresh token.' },
        { code: 'REFRESH_TOKEN_REUSED', description: 'An already used token: its whole session is revoked.' },
        csrfFailed,
      ],
      async handler({ body }, res, req) {
        const fromBody = body.refreshToken;
        const fromCookie = fromBody ? undefined : readCookie(req, REFRESH_COOKIE);
        const refreshToken = fromBody ?? fromCookie;
        if (!refreshToken) throw invalidRefresh();
        if (fromCookie) assertCsrf(req);
        const answer = await endReusedFamily(await deps.users.call(RefreshEndpoint, { body: { refreshToken }, ...contextOf(req, res) }));
        if (fromCookie && answer.status === 401) clearSessionCookies(res);
        answerTokens(res, answer, fromCookie ? 'cookie' : 'token');
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End this session: its refresh tokens are revoked and this access token refused from now on',
      tag: 'auth',
      access: 'authenticated',
      responses: { 204: { description: 'Logged out' } },
      errors: [csrfFailed],
      async handler(_input, res, req) {
        const user = userOf(res);
        if (readCookie(req, REFRESH_COOKIE)) assertCsrf(req);
        const answer = await deps.users.call(LogoutEndpoint, { body: { sessionId: user.sessionId }, ...contextOf(req, res) });
        if (answer.status !== 204) return relay(res, answer);
        await deps.denyList.deny({ tokenId: user.tokenId, sessionId: user.sessionId }, user.expiresAt - Date.now() / 1000);
        clearSessionCookies(res);
        res.status(204).end();
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/sessions',
      summary: "The caller's active sessions; `current` marks this one",
      tag: 'auth',
      access: 'authenticated',
      responses: { 200: { description: 'Active sessions, newest first', body: SessionList } },
      async handler(_input, res, req) {
        relay(res, await deps.users.call(SessionsEndpoint, { query: { current: userOf(res).sessionId }, ...contextOf(req, res) }));
      },
    }),
    route({
      method: 'delete',
      path: '/api/auth/sessions/:id',
      summary: 'Revoke one of your sessions: its refresh token stops working and its access tokens are refused',
      tag: 'auth',
      access: 'authenticated',
      request: { params: SessionParams },
      responses: { 204: { description: 'Revoked' } },
      errors: [{ code: 'SESSION_NOT_FOUND', description: 'No such active session of yours.' }],
      async handler({ params }, res, req) {
        const answer = await deps.users.call(RevokeSessionEndpoint, { params, ...contextOf(req, res) });
        if (answer.status === 204) await deps.denyList.deny({ sessionId: params.id }, deps.tokens.accessTtlSeconds);
        relay(res, answer);
      },
    }),
  ];
}
