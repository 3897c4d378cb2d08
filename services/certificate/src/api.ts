import type { Express } from 'express';
import { certificateRoutes, type CertificateRouteDeps } from './certificates/routes.js';

/** The internal HTTP API: queries for the gateway (every write goes through certificate.commands). */
export function apiRoutes(deps: CertificateRouteDeps) {
  return (app: Express) => {
    app.use(certificateRoutes(deps));
  };
}
