import { createHttpApp, internalAuth, type Logger, type Metrics, type ReadinessCheck } from '@smartcourse/platform';
import type { CredentialDeps } from './users/credentials.js';
import { userRoutes } from './users/routes.js';

/** The internal HTTP API: credential operations and queries, for the gateway only. */
export function createApi(deps: CredentialDeps & { logger: Logger; metrics: Metrics; readiness: ReadinessCheck[]; internalToken: string }) {
  return createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    routes(app) {
      app.use('/internal', internalAuth(deps.internalToken));
      app.use(userRoutes(deps));
    },
  });
}
