import type { Express } from 'express';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createLogger, createMetrics, loadConfig, tokenConfig, tokenSettings } from '@smartcourse/platform';
import { createApi, type GatewayDeps } from '../src/api.js';
import { createIdempotency } from '../src/edge/idempotency.js';
import { createRateLimits } from '../src/edge/rate-limit.js';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

/**
 * The gateway's Express app built in this process, to list what it mounts. Nothing here serves
 * a request: the clients are never called and Redis is never connected.
 */
export function buildGatewayApp(): { app: Express; close(): void } {
  const redis = new Redis({ lazyConnect: true });
  const rate = { points: 1, durationSeconds: 60 };
  const deps = {
    logger: createLogger({ service: 'gateway-test', level: 'silent' }),
    metrics: createMetrics('gateway-test'),
    readiness: [],
    tokens: tokenSettings(loadConfig(z.object(tokenConfig), {})),
    bodyLimit: '32kb',
    corsOrigins: [],
    rateLimits: createRateLimits({ redis, rates: { anonymous: rate, credentials: rate, verification: rate, user: rate } }),
    idempotency: createIdempotency({ redis, ttlSeconds: 60 }),
  } satisfies Partial<GatewayDeps>;
  // The route factories only keep their clients for handlers, which never run here.
  const app = createApi(deps as unknown as GatewayDeps);
  return { app, close: () => redis.disconnect() };
}

/** Every `METHOD /path` the app answers, walking nested routers; catch-all (`all`) routes are left out. */
export function mountedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: RouterLayer[]) => {
    for (const layer of stack) {
      if (layer.route && !layer.route.methods._all) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack);
  return found;
}
