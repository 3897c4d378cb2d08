import { Router } from 'express';
import { ContentLinkEndpoint, DeleteFileEndpoint, FileEndpoint, FileFactsEndpoint, UploadFileEndpoint, type FileFacts } from '@smartcourse/contracts';
import { actorOf, callerOf, discardUnreadBody, newContext, requestContext, serveEndpoint, type Knex } from '@smartcourse/platform';
import type { ContentStore } from '../content/store.js';
import type { Renditions } from '../renditions/make.js';
import { deleteFile, fileNotFound } from './deletion.js';
import { readableBy } from './rules.js';
import { findFile, findFiles, type FileRow } from './store.js';
import { receiveUpload, storageUnavailable, type UploadDeps } from './upload.js';
import { fileView } from './views.js';

export interface FileRouteDeps extends UploadDeps {
  content: ContentStore;
  renditions: Renditions;
  linkTtlSeconds: number;
}

/** Uploads, reads, links and deletion of files, for the gateway. */
export function fileRoutes(deps: FileRouteDeps): Router {
  const router = Router();
  const { db } = deps;

  serveEndpoint(router, UploadFileEndpoint, async ({ query }, res, req) => {
    let file;
    try {
      file = await receiveUpload(deps, req, { actor: actorOf(res), purpose: query.purpose, context: newContext(requestContext(res).correlationId) });
    } catch (error) {
      // Refused before the whole body came: the rest is read and dropped, so the answer reaches the sender.
      discardUnreadBody(req);
      throw error;
    }
    deps.renditions.soon(file);
    res.status(201).json({ data: fileView(file) });
  });

  serveEndpoint(router, FileFactsEndpoint, async ({ query: { ids } }, res) => {
    const facts: FileFacts[] = (await findFiles(db, ids)).map((file) => ({ id: file.id, ownerId: file.ownerId, purpose: file.purpose, status: file.status }));
    res.json({ data: facts });
  });

  serveEndpoint(router, FileEndpoint, async ({ params: { fileId } }, res) => {
    const file = await findFile(db, fileId);
    const decider = file && readableBy(file, callerOf(res));
    if (!file || !decider) throw fileNotFound();
    res.json({ data: fileView(file), meta: { readableBy: decider } });
  });

  serveEndpoint(router, ContentLinkEndpoint, async ({ params: { fileId }, query: { variant }, body: { courseGranted } }, res) => {
    const file = await readable(db, fileId, callerOf(res), courseGranted);
    const key = variant === 'preview' ? file.previewKey : file.storageKey;
    if (!key) throw fileNotFound();
    const contentType = variant === 'preview' ? (file.rendition?.preview?.contentType ?? 'image/webp') : (file.contentType ?? 'application/octet-stream');
    let link;
    try {
      link = await deps.content.link({ id: file.id, key, name: file.name, contentType }, variant, deps.linkTtlSeconds);
    } catch (error) {
      throw storageUnavailable(error);
    }
    if (!link) throw fileNotFound();
    res.json({ data: { url: link.url, expiresAt: link.expiresAt.toISOString() } });
  });

  serveEndpoint(router, DeleteFileEndpoint, async ({ params: { fileId } }, res) => {
    await deleteFile(deps, fileId, actorOf(res), newContext(requestContext(res).correlationId));
    res.status(204).end();
  });

  return router;
}

/** The file when the actor may read it: by the media service's own rules, or by the course service's answer the gateway brings. */
async function readable(db: Knex, fileId: string, actor: Parameters<typeof readableBy>[1], courseGranted: boolean): Promise<FileRow> {
  const file = await findFile(db, fileId);
  const decider = file && readableBy(file, actor);
  if (!file || !decider || (decider === 'course' && !courseGranted)) throw fileNotFound();
  return file;
}
