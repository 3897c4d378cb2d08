import { Router, type RequestHandler } from 'express';
import { forbidden, header, parse, validationError, type TokenSettings } from '@smartcourse/platform';
import type { DenyList } from '../auth/deny-list.js';
import { requireUser, userOf } from '../auth/middleware.js';
import type { Idempotency } from '../edge/idempotency.js';
import { malformedUrl } from '../edge/malformed-url.js';
import { readCookie } from '../edge/read-cookie.js';
import { methodNotAllowed } from '../edge/method-not-allowed.js';
import type { RateLimits } from '../edge/rate-limit.js';
import { formBody } from './form-body.js';
import type { Input, RouteSpec } from './spec.js';
import { unstorableText } from './storable-text.js';

function authorise(spec: RouteSpec, deps: { tokens: TokenSettings; denyList: DenyList }): RequestHandler[] {
  if (spec.access === 'public') return [];
  const verify = requireUser(deps, { tokenCookie: spec.tokenCookie });
  if (spec.access === 'anyone') {
    return [(req, res, next) => (header(req, 'authorization') || (spec.tokenCookie && readCookie(req, spec.tokenCookie)) ? verify(req, res, next) : next())];
  }
  const roles = spec.access === 'authenticated' ? undefined : spec.access;
  return [
    verify,
    (_req, res, next) => {
      if (roles && !roles.includes(userOf(res).role)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
      next();
    },
  ];
}

function validate(spec: RouteSpec): RequestHandler {
  return (req, res, next) => {
    const { body, form, query, params } = spec.request ?? {};
    const unstorable = [body || form ? req.body : undefined, query ? req.query : undefined, params ? req.params : undefined].flatMap((part) =>
      unstorableText(part),
    );
    if (unstorable.length) throw validationError(unstorable);
    const input: Input = {
      body: spec.request?.body ? parse(spec.request.body, req.body ?? {}) : spec.request?.form ? parse(spec.request.form, req.body) : undefined,
      query: spec.request?.query ? parse(spec.request.query, req.query) : undefined,
      params: spec.request?.params ? parse(spec.request.params, req.params) : undefined,
    };
    // Kept for the last step, the handler, past the idempotency check that may answer first.
    res.locals.input = input;
    next();
  };
}

export interface MountDeps {
  tokens: TokenSettings;
  denyList: DenyList;
  rateLimits: RateLimits;
  idempotency: Idempotency;
}

/**
 * Mounts the route table: access check, rate limit, a form body's parser where a route takes one, input validation (first the
 * text no store accepts, in any field, then the route's schemas), `Idempotency-Key` on command routes, then the handler; other
 * methods on a known path answer 405.
 */
export function mountRoutes(specs: readonly RouteSpec[], deps: MountDeps): Router {
  const router = Router();
  for (const spec of specs) {
    const idempotent = spec.command ? [deps.idempotency.forRoute(spec)] : [];
    const form = spec.request?.form ? [formBody] : [];
    router[spec.method](spec.path, ...authorise(spec, deps), deps.rateLimits.forRoute(spec), ...form, validate(spec), ...idempotent, (req, res) =>
      spec.handler(res.locals.input as Input, res, req),
    );
  }
  router.use(methodNotAllowed(specs));
  router.use(malformedUrl);
  return router;
}
