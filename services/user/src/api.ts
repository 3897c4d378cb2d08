import { createHttpApp, internalAuth, type Logger, type Metrics, type ReadinessCheck } from '@smartcourse/platform';
import { sessionRoutes } from './sessions/routes.js';
import type { LoginDeps } from './sessions/login.js';
import type { RegistrationDeps } from './users/registration.js';
import { adminUserRoutes } from './users/admin-routes.js';
import { instructorRoutes } from './instructors/routes.js';
import { mfaRoutes } from './mfa/routes.js';
import { passwordRoutes } from './passwords/routes.js';
import type { ResetDeps } from './passwords/reset.js';
import { verificationRoutes } from './verification/routes.js';
import type { MfaDeps } from './mfa/enrollment.js';
import { userRoutes } from './users/routes.js';

/** The internal HTTP API: credential operations and queries, for the gateway only. */
export function createApi(deps: RegistrationDeps & ResetDeps & LoginDeps & MfaDeps & { logger: Logger; metrics: Metrics; readiness: ReadinessCheck[]; internalToken: string }) {
  return createHttpApp({
    logger: deps.logger,
    metrics: deps.metrics,
    readiness: deps.readiness,
    routes(app) {
      app.use('/internal', internalAuth(deps.internalToken));
      app.use(userRoutes(deps));
      app.use(adminUserRoutes(deps));
      app.use(instructorRoutes(deps));
      app.use(mfaRoutes(deps));
      app.use(passwordRoutes(deps));
      app.use(verificationRoutes(deps));
      app.use(sessionRoutes(deps));
    },
  });
}
