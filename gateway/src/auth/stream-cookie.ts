import type { CookieOptions, Response } from 'express';

/** Where a browser opens its notification stream; its `EventSource` cannot send `Authorization`. */
export const NOTIFICATION_STREAM_PATH = '/api/notifications/stream';

/**
 * The access token again, for the stream only: httpOnly (scripts never read it), sent to no other
 * path, and gone when the token it carries expires. Verified exactly like a bearer token.
 */
export const STREAM_COOKIE = 'sc_stream';

const streamCookie: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: NOTIFICATION_STREAM_PATH };

export function setStreamCookie(res: Response, accessToken: string, maxAgeSeconds: number): void {
  res.cookie(STREAM_COOKIE, accessToken, { ...streamCookie, maxAge: maxAgeSeconds * 1000 });
}

export function clearStreamCookie(res: Response): void {
  res.clearCookie(STREAM_COOKIE, streamCookie);
}
