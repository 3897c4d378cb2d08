import type { Express } from 'express';
import { contentRoutes } from './content/routes.js';
import type { UrlSigner } from './content/signing.js';
import { fileRoutes, type FileRouteDeps } from './files/routes.js';

/** The internal HTTP API: uploads, reads, links, the local store's content, deletion. */
export function apiRoutes(deps: FileRouteDeps & { signer: UrlSigner }) {
  return (app: Express) => {
    app.use(contentRoutes(deps));
    app.use(fileRoutes(deps));
  };
}
