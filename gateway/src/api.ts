import { createHttpApp, internalAuth, type Logger, type Metrics, type ReadinessCheck, type TokenSettings } from '@smartcourse/platform';
import { asyncApiRoutes } from './asyncapi/routes.js';
import type { DenyList } from './auth/deny-list.js';
import { commandRoutes } from './commands/routes.js';
import type { CommandBus } from './commands/bus.js';
import type { CommandStatusStore } from './commands/status.js';
import type { Idempotency } from './edge/idempotency.js';
import type { RateLimits } from './edge/rate-limit.js';
import { securityHeaders } from './edge/security.js';
import { retryAfterOnUnavailable } from './edge/unavailable.js';
import type { InternalClient } from './internal-client.js';
import type { CourseGrant } from './services/media/access.js';
import type { NotificationStreams } from './notifications/streams.js';
import { docsUi, openApiRoutes } from './openapi/routes.js';
import { mountRoutes } from './routing/mount.js';
import type { RouteSpec } from './routing/spec.js';
import { courseServiceRoutes } from './services/course/routes.js';
import { certificateServiceRoutes } from './services/certificate/routes.js';
import { paymentServiceRoutes } from './services/payment/routes.js';
import { enrollmentServiceRoutes } from './services/enrollment/routes.js';
import { mediaServiceRoutes } from './services/media/routes.js';
import { notificationServiceRoutes } from './services/notification/routes.js';
import { userServiceRoutes } from './services/user/routes.js';

export interface GatewayDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  tokens: TokenSettings;
  denyList: DenyList;
  bus: CommandBus;
  statuses: CommandStatusStore;
  users: InternalClient;
  courses: InternalClient;
  enrollments: InternalClient;
  certificates: InternalClient;
  notifications: InternalClient;
  media: InternalClient;
  payments: InternalClient;
  /** Whether the course service lets the caller read a lesson's or a submission's file. */
  courseGrants: CourseGrant;
  notificationStreams: NotificationStreams;
  bodyLimit: string;
  corsOrigins: readonly string[];
  rateLimits: RateLimits;
  idempotency: Idempotency;
  /** Replicas of every topic as provisioned, for the AsyncAPI document. */
  replicationFactor: number;
  /** The internal credential: /ready and /metrics answer only requests that carry it. */
  internalToken: string;
}

/** Every public route: those of each owning service, then the gateway's own. */
export function routeTable(deps: GatewayDeps): RouteSpec[] {
  return [
    ...userServiceRoutes(deps),
    ...courseServiceRoutes(deps),
    ...enrollmentServiceRoutes(deps),
    ...certificateServiceRoutes(deps),
    ...notificationServiceRoutes(deps),
    ...mediaServiceRoutes(deps),
    ...paymentServiceRoutes(deps),
    ...commandRoutes(deps),
    ...asyncApiRoutes({ replicationFactor: deps.replicationFactor }),
  ];
}

/** The public HTTP edge. */
export function createApi(deps: GatewayDeps) {
  return createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    bodyLimit: deps.bodyLimit,
    // The public port: dependency details and metrics are for operators, who hold the internal token.
    operationsAccess: internalAuth(deps.internalToken),
    before: securityHeaders({ corsOrigins: deps.corsOrigins }),
    routes(app) {
      const specs: RouteSpec[] = [...routeTable(deps), ...openApiRoutes({ table: () => specs })];
      app.use(docsUi());
      app.use(mountRoutes(specs, deps));
      app.use(retryAfterOnUnavailable);
    },
  });
}
