import type { RequestHandler, Response } from 'express';
import { header, unauthorized, type Actor, type TokenSettings } from '@smartcourse/platform';
import type { DenyList } from './deny-list.js';
import { verifyAccessToken, type AuthenticatedUser } from './tokens.js';

/**
 * Requires a valid `Authorization: Bearer <access token>` that is not deny-listed (logged out,
 * session revoked); the verified user goes on res.locals.
 */
export function requireUser(deps: { tokens: TokenSettings; denyList: DenyList }): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header(req, 'authorization') ?? '');
    if (!match?.[1]) throw unauthorized('A bearer access token is required.');
    const user = await verifyAccessToken(deps.tokens, match[1]);
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
