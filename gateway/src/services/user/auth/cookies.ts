import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { AppError, header } from '@smartcourse/platform';
import { clearStreamCookie, setStreamCookie } from '../../../auth/stream-cookie.js';
import { readCookie } from '../../../edge/read-cookie.js';

/** httpOnly, sent only to the auth routes: scripts never see the refresh token. */
export const REFRESH_COOKIE = 'sc_refresh';
/** Readable by the page's scripts, which echo it in CSRF_HEADER (double submit). */
export const CSRF_COOKIE = 'sc_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const REFRESH_PATH = '/api/auth';

const refreshCookie: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_PATH };
const csrfCookie: CookieOptions = { httpOnly: false, secure: true, sameSite: 'strict', path: '/' };

/**
 * Puts the refresh token in its cookie with a fresh CSRF token beside it, and the access token in
 * the notification stream's cookie; answers the CSRF token.
 */
export function setSessionCookies(
  res: Response,
  tokens: { refreshToken: string; refreshMaxAgeSeconds: number; accessToken: string; accessMaxAgeSeconds: number },
): string {
  const csrfToken = randomBytes(32).toString('base64url');
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...refreshCookie, maxAge: tokens.refreshMaxAgeSeconds * 1000 });
  res.cookie(CSRF_COOKIE, csrfToken, { ...csrfCookie, maxAge: tokens.refreshMaxAgeSeconds * 1000 });
  setStreamCookie(res, tokens.accessToken, tokens.accessMaxAgeSeconds);
  return csrfToken;
}

export function clearSessionCookies(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, refreshCookie);
  res.clearCookie(CSRF_COOKIE, csrfCookie);
  clearStreamCookie(res);
}

const csrfFailed = () => new AppError({ code: 'CSRF_FAILED', message: 'The X-CSRF-Token header is missing or does not match the CSRF cookie.' });

/**
 * A request riding on the refresh cookie must also carry the CSRF cookie's value in a header:
 * another site can make the browser send the cookie but cannot read it to copy it.
 */
export function assertCsrf(req: Request): void {
  const cookie = Buffer.from(readCookie(req, CSRF_COOKIE) ?? '');
  const given = Buffer.from(header(req, CSRF_HEADER) ?? '');
  if (cookie.length === 0 || cookie.length !== given.length || !timingSafeEqual(cookie, given)) throw csrfFailed();
}
