import { Router } from 'express';
import { CancelUploadEndpoint, CreateUploadEndpoint, UploadChunkEndpoint, UploadOffsetEndpoint } from '@smartcourse/contracts';
import { serveEndpoint } from '@smartcourse/platform';
import type { ResumableUploads } from './resumable.js';

/** The tus endpoints: each request goes to the tus server as it came (its body streamed, its answer tus's). */
export function uploadRoutes(uploads: ResumableUploads): Router {
  const router = Router();
  for (const endpoint of [CreateUploadEndpoint, UploadOffsetEndpoint, UploadChunkEndpoint, CancelUploadEndpoint]) {
    serveEndpoint(router, endpoint, (_input, res, req) => uploads.server.handle(req, res));
  }
  return router;
}
