import type { Express } from 'express';
import type { Logger } from '@smartcourse/platform';
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
export function apiRoutes(deps: RegistrationDeps & ResetDeps & LoginDeps & MfaDeps & { logger: Logger }) {
  return (app: Express) => {
    app.use(userRoutes(deps));
    app.use(adminUserRoutes(deps));
    app.use(instructorRoutes(deps));
    app.use(mfaRoutes(deps));
    app.use(passwordRoutes(deps));
    app.use(verificationRoutes(deps));
    app.use(sessionRoutes(deps));
  };
}
