import type { Request, RequestHandler, Response } from 'express';
import { header, unauthorized, type Actor, type TokenSettings } from '@smartcourse/platform';
import { readCookie } from '../edge/read-cookie.js';
import type { DenyList } from './deny-list.js';
import { verifyAccessToken, type AuthenticatedUser } from './tokens.js';

const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** The access token of the request: the `Authorization` header when sent, else the route's token cookie. */
function accessTokenOf(req: Request, tokenCookie: string | undefined): string | undefined {
  const authorization = header(req, 'authorization');
  const token = authorization !== undefined ? /^Bearer (.+)$/.exec(authorization)?.[1] : tokenCookie ? readCookie(req, tokenCookie) : undefined;
  return token && JWT_SHAPE.test(token) ? token : undefined;
}

/**
 * Requires a valid `Authorization: Bearer <access token>` (or, on a route that names one, the
 * token cookie) that is not deny-listed (logged out, session revoked); the verified user goes on res.locals.
 */
export function requireUser(deps: { tokens: TokenSettings; denyList: DenyList }, options: { tokenCookie?: string | undefined } = {}): RequestHandler {
  const missing = options.tokenCookie ? `A bearer access token or the ${options.tokenCookie} cookie is required.` : 'A bearer access token is required.';
  return async (req, res, next) => {
    const token = accessTokenOf(req, options.tokenCookie);
    if (!token) throw unauthorized(missing);
    const user = await verifyAccessToken(deps.tokens, token);
    if (await deps.denyList.isDenied(user)) throw unauthorized('The token has been revoked.');
    res.locals.user = user;
    next();
  };
}

export function userOf(res: Response): AuthenticatedUser {
  const user = res.locals.user as AuthenticatedUser | undefined;
  if (!user) throw unauthorized();
  return user;
}

/** The caller of an `anyone` route: the actor when a token came with the request. */
export function callerOf(res: Response): Actor | undefined {
  const user = res.locals.user as AuthenticatedUser | undefined;
  return user ? { userId: user.userId, role: user.role } : undefined;
}

export function actorOf(res: Response): Actor {
  const { userId, role } = userOf(res);
  return { userId, role };
}
