import { Router } from 'express';
import { AppError } from '@smartcourse/platform';
import type { RouteSpec } from '../routing/spec.js';

/** The methods a path answers, as an `Allow` header lists them (GET implies HEAD). */
export function allowedMethods(specs: readonly Pick<RouteSpec, 'method' | 'path'>[], path: string): string[] {
  const methods = specs.filter((spec) => spec.path === path).map((spec) => spec.method.toUpperCase());
  if (methods.includes('GET')) methods.push('HEAD');
  methods.push('OPTIONS');
  return [...new Set(methods)].sort();
}

/**
 * Mounted after the routes: a known path reached with another method is 405
 * `METHOD_NOT_ALLOWED` with `Allow` (OPTIONS gets 204 with `Allow`; CORS preflights from allowed
 * origins are answered earlier); unknown paths fall through to the 404.
 */
export function methodNotAllowed(specs: readonly RouteSpec[]): Router {
  const router = Router();
  for (const path of new Set(specs.map((spec) => spec.path))) {
    const allow = allowedMethods(specs, path).join(', ');
    router.all(path, (req, res) => {
      res.set('Allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      throw new AppError({ code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed here; use ${allow}.` });
    });
  }
  return router;
}
