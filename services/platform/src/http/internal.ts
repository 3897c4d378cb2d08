import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { AppError, unauthorized } from '../errors.js';
import { header } from './context.js';

/** The verified user on whose behalf the gateway calls a service. */
export interface Actor {
  userId: string;
  role: string;
}

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
export const ACTOR_ID_HEADER = 'x-actor-id';
export const ACTOR_ROLE_HEADER = 'x-actor-role';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Internal APIs answer only the gateway (shared credential); the actor comes from its headers. */
export function internalAuth(token: string): RequestHandler {
  return (req, res, next) => {
    const given = header(req, INTERNAL_TOKEN_HEADER);
    if (!given || !sameSecret(given, token)) {
      next(new AppError({ code: 'UNAUTHORIZED', message: 'Internal credential missing or wrong.' }));
      return;
    }
    const userId = header(req, ACTOR_ID_HEADER);
    const role = header(req, ACTOR_ROLE_HEADER);
    if (userId && role) res.locals.actor = { userId, role } satisfies Actor;
    next();
  };
}

/** The actor of an internal request; 401 when the gateway sent none. */
export function actorOf(res: Response): Actor {
  const actor = callerOf(res);
  if (!actor) throw unauthorized();
  return actor;
}

/** The actor when the caller is signed in, undefined for an anonymous caller of a public route. */
export function callerOf(res: Response): Actor | undefined {
  return res.locals.actor as Actor | undefined;
}
