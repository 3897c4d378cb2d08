import { createHttpApp, type Logger, type Metrics, type ReadinessCheck, type TokenSettings } from '@smartcourse/platform';
import { adminRoutes } from './admin/routes.js';
import type { DenyList } from './auth/deny-list.js';
import { authRoutes } from './auth/routes.js';
import { commandRoutes } from './commands/routes.js';
import type { CommandBus } from './commands/bus.js';
import type { CommandStatusStore } from './commands/status.js';
import type { Idempotency } from './edge/idempotency.js';
import type { RateLimits } from './edge/rate-limit.js';
import { securityHeaders } from './edge/security.js';
import type { InternalClient } from './internal-client.js';
import { instructorRoutes } from './instructors/routes.js';
import { mfaRoutes } from './mfa/routes.js';
import { passwordRoutes } from './passwords/routes.js';
import { docsUi, openApiRoutes } from './openapi/routes.js';
import { mountRoutes } from './routing/mount.js';
import type { RouteSpec } from './routing/spec.js';
import { userRoutes } from './users/routes.js';
import { verificationRoutes } from './verification/routes.js';

export interface GatewayDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  tokens: TokenSettings;
  denyList: DenyList;
  bus: CommandBus;
  statuses: CommandStatusStore;
  users: InternalClient;
  bodyLimit: string;
  corsOrigins: readonly string[];
  rateLimits: RateLimits;
  idempotency: Idempotency;
}

/** Every public route, by feature. */
export function routeTable(deps: GatewayDeps): RouteSpec[] {
  return [...authRoutes(deps), ...userRoutes(deps), ...commandRoutes(deps), ...adminRoutes(deps), ...instructorRoutes(deps), ...mfaRoutes(deps), ...passwordRoutes(deps), ...verificationRoutes(deps)];
}

/** The public HTTP edge. */
export function createApi(deps: GatewayDeps) {
  return createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    bodyLimit: deps.bodyLimit,
    before: securityHeaders({ corsOrigins: deps.corsOrigins }),
    routes(app) {
      const specs: RouteSpec[] = [...routeTable(deps), ...openApiRoutes({ table: () => specs })];
      app.use(docsUi());
      app.use(mountRoutes(specs, deps));
    },
  });
}
