import { Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { BlobEndpoint } from '@smartcourse/contracts';
import { AppError, header, RangeNotSatisfiableError, serveEndpoint, type Knex, type Logger } from '@smartcourse/platform';
import { fileNotFound } from '../files/deletion.js';
import { findFile } from '../files/store.js';
import { storageUnavailable } from '../files/upload.js';
import { requestedRange } from './range.js';
import type { UrlSigner } from './signing.js';
import { inlineTypes, type ContentStore } from './store.js';

/**
 * The local store's bytes behind a signed link (the gateway passes the request through): the
 * signature is the grant, so no actor is needed. One `Range` is honoured (206), for video seeking.
 */
export function contentRoutes(deps: { db: Knex; content: ContentStore; signer: UrlSigner; log: Logger }): Router {
  const router = Router();
  serveEndpoint(router, BlobEndpoint, async ({ params: { fileId }, query: { variant, expires, signature } }, res, req) => {
    if (!deps.signer.verify(fileId, variant, expires, signature, Math.floor(Date.now() / 1000))) {
      throw new AppError({ code: 'FORBIDDEN', message: 'The link is not valid or has expired; ask for the content again.' });
    }
    const file = await findFile(deps.db, fileId);
    const key = variant === 'preview' ? file?.previewKey : file?.storageKey;
    if (!file || file.status !== 'ready' || !key) throw fileNotFound();
    const contentType = variant === 'preview' ? (file.rendition?.preview?.contentType ?? 'image/webp') : (file.contentType ?? 'application/octet-stream');
    const size = variant === 'original' ? (file.size ?? 0) : undefined;
    let content;
    try {
      const info = size === undefined ? await deps.content.objects.stat(key) : { size };
      if (!info) throw fileNotFound();
      content = await deps.content.objects.get(key, requestedRange(header(req, 'range'), info.size));
    } catch (error) {
      if (error instanceof RangeNotSatisfiableError) {
        res.status(416).setHeader('Content-Range', `bytes */${error.size}`).end();
        return;
      }
      if (error instanceof AppError) throw error;
      throw storageUnavailable(error);
    }
    if (!content) throw fileNotFound();
    const partial = content.range.end - content.range.start + 1 < content.size;
    res.status(partial ? 206 : 200);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Length', String(content.size === 0 ? 0 : content.range.end - content.range.start + 1));
    if (partial) res.setHeader('Content-Range', `bytes ${content.range.start}-${content.range.end}/${content.size}`);
    res.setHeader('Accept-Ranges', 'bytes');
    if (file.sha256 && variant === 'original') res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', `private, max-age=${Math.max(0, expires - Math.floor(Date.now() / 1000))}`);
    res.setHeader('Content-Disposition', `${inlineTypes.test(contentType) ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    // Nothing uploaded runs in the platform's origin: no sniffing, no scripts, no plugins.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    try {
      await pipeline(content.body, res);
    } catch (error) {
      // The client went, or the store failed mid-body: the status is sent, so the connection is cut; nothing else to answer.
      deps.log.warn({ err: error, fileId }, 'a content download stopped before its end');
    }
  });
  return router;
}
