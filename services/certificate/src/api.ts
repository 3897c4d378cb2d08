import type { Express } from 'express';
import { certificateRoutes, type CertificateRouteDeps } from './certificates/routes.js';
import { credentialRoutes, type CredentialRouteDeps } from './credentials/routes.js';

/** The internal HTTP API: queries for the gateway (every write goes through certificate.commands). */
export function apiRoutes(deps: CertificateRouteDeps & CredentialRouteDeps) {
  return (app: Express) => {
    // First: its fixed paths (the status list) sit beside the certificate routes' `:certificateId`.
    app.use(credentialRoutes(deps));
    app.use(certificateRoutes(deps));
  };
}
