import { Router } from 'express';
import { FileAccessEndpoint } from '@smartcourse/contracts';
import { callerOf, serveEndpoint, type Knex } from '@smartcourse/platform';
import { fileReadable } from './access.js';

/** Whether the caller may read a file of the media service, by the read rules this service owns (the media service asks). */
export function fileRoutes(deps: { db: Knex }): Router {
  const router = Router();
  serveEndpoint(router, FileAccessEndpoint, async ({ params: { fileId } }, res) => {
    res.json({ data: { readable: await fileReadable(deps.db, fileId, callerOf(res)) } });
  });
  return router;
}
