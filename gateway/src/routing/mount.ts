import { Router, type RequestHandler } from 'express';
import { forbidden, parse, type TokenSettings } from '@smartcourse/platform';
import type { DenyList } from '../auth/deny-list.js';
import { requireUser, userOf } from '../auth/middleware.js';
import type { Input, RouteSpec } from './spec.js';

function authorise(spec: RouteSpec, deps: { tokens: TokenSettings; denyList: DenyList }): RequestHandler[] {
  if (spec.access === 'public') return [];
  const roles = spec.access === 'authenticated' ? undefined : spec.access;
  return [
    requireUser(deps),
    (_req, res, next) => {
      if (roles && !roles.includes(userOf(res).role)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
      next();
    },
  ];
}

function validate(spec: RouteSpec): RequestHandler {
  return (req, res, next) => {
    const input: Input = {
      body: spec.request?.body ? parse(spec.request.body, req.body ?? {}) : undefined,
      query: spec.request?.query ? parse(spec.request.query, req.query) : undefined,
      params: spec.request?.params ? parse(spec.request.params, req.params) : undefined,
    };
    res.locals.input = input;
    next();
  };
}

/** Mounts the route table: access check, input validation, then the handler. */
export function mountRoutes(specs: readonly RouteSpec[], deps: { tokens: TokenSettings; denyList: DenyList }): Router {
  const router = Router();
  for (const spec of specs) {
    router[spec.method](spec.path, ...authorise(spec, deps), validate(spec), (req, res) => spec.handler(req, res));
  }
  return router;
}
