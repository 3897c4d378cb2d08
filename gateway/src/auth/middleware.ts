import type { RequestHandler, Response } from 'express';
import { header, unauthorized, type Actor, type TokenSettings } from '@smartcourse/platform';
import { verifyAccessToken, type AuthenticatedUser } from './tokens.js';

/** Requires a valid `Authorization: Bearer <access token>`; the verified user goes on res.locals. */
export function requireUser(settings: TokenSettings): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header(req, 'authorization') ?? '');
    if (!match?.[1]) throw unauthorized('A bearer access token is required.');
    res.locals.user = await verifyAccessToken(settings, match[1]);
    next();
  };
}

export function userOf(res: Response): AuthenticatedUser {
  const user = res.locals.user as AuthenticatedUser | undefined;
  if (!user) throw unauthorized();
  return user;
}

export function actorOf(res: Response): Actor {
  const { userId, role } = userOf(res);
  return { userId, role };
}
