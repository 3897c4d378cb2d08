import type { Express } from 'express';
import { contentRoutes } from './content/routes.js';
import type { UrlSigner } from './content/signing.js';
import { fileRoutes, type FileRouteDeps } from './files/routes.js';
import type { ResumableUploads } from './uploads/resumable.js';
import { uploadRoutes } from './uploads/routes.js';

/** The internal HTTP API: uploads (in one request, or resumable), reads, links, the local store's content, deletion. */
export function apiRoutes(deps: FileRouteDeps & { signer: UrlSigner; uploads: ResumableUploads }) {
  return (app: Express) => {
    app.use(uploadRoutes(deps.uploads));
    app.use(contentRoutes(deps));
    app.use(fileRoutes(deps));
  };
}
