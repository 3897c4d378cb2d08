import type { Request, Response } from 'express';
import {
  CancelUploadEndpoint,
  CreateUploadEndpoint,
  UploadChunkEndpoint,
  UploadOffsetEndpoint,
  UploadParams,
  type EndpointArguments,
  type InternalEndpoint,
} from '@smartcourse/contracts';
import { header, requestContext } from '@smartcourse/platform';
import type { InternalClient, StreamOptions } from '../../internal-client.js';
import { onBehalfOf } from '../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../routing/spec.js';
import { contentHeaders, relayContent } from './passthrough.js';
import { tusRequestHeaders, tusResponseHeaders } from './tus-headers.js';

const passedBack = [...new Set([...tusResponseHeaders, 'Location', 'Cache-Control', ...contentHeaders].map((name) => name.toLowerCase()))];
const notFound: ErrorSpec = { code: 'UPLOAD_NOT_FOUND' };
const tusHeaders = { 'Tus-Resumable': 'Always 1.0.0' };

/** Passes one tus request through to the media service, its body streamed, and its answer back. */
async function passTus<E extends InternalEndpoint>(media: InternalClient, endpoint: E, args: EndpointArguments<E>, req: Request, res: Response) {
  const headers: Record<string, string> = {};
  for (const name of [...tusRequestHeaders, 'Content-Type', 'Content-Length']) {
    const value = header(req, name);
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const options: StreamOptions<E> = { ...args, headers, ...onBehalfOf(res), ...(req.method === 'PATCH' ? { stream: req } : {}) };
  const answer = await media.open(endpoint, options);
  await relayContent(res, answer, requestContext(res).log, passedBack);
}

/**
 * Resumable uploads, tus 1.0 (core, creation, termination, expiration): a large video survives a
 * dropped connection and resumes where it stopped. Create with the whole length and
 * `Upload-Metadata: purpose <base64>, filename <base64>`; the `Location` names the upload, whose id
 * is the file's once its last byte is in (the last PATCH answers it in `File-Id` too).
 */
export function uploadRoutes(deps: { media: InternalClient }): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/api/files/uploads',
      summary: 'Begin a resumable upload (tus 1.0 creation): `Upload-Length` and `Upload-Metadata` (purpose, filename); no body',
      tag: 'files',
      access: 'authenticated',
      responses: {
        201: { description: 'The upload exists; PATCH its Location', headers: { Location: 'The upload: /api/files/uploads/{uploadId}', ...tusHeaders } },
      },
      errors: [{ code: 'FILE_TOO_LARGE', description: "`Upload-Length` is over the purpose's limit." }],
      handler: (_input, res, req) => passTus(deps.media, CreateUploadEndpoint, {}, req, res),
    }),
    route({
      method: 'head',
      path: '/api/files/uploads/:uploadId',
      summary: 'Where a resumable upload stands (tus 1.0): `Upload-Offset` is where to resume',
      tag: 'files',
      access: 'authenticated',
      request: { params: UploadParams },
      responses: {
        200: { description: 'The offset and length', headers: { 'Upload-Offset': 'Bytes received', 'Upload-Length': 'Bytes in all', ...tusHeaders } },
      },
      errors: [notFound],
      handler: ({ params }, res, req) => passTus(deps.media, UploadOffsetEndpoint, { params }, req, res),
    }),
    route({
      method: 'patch',
      path: '/api/files/uploads/:uploadId',
      summary: 'Send bytes of a resumable upload from `Upload-Offset` (tus 1.0; `Content-Type: application/offset+octet-stream`)',
      tag: 'files',
      access: 'authenticated',
      request: { params: UploadParams },
      responses: {
        204: {
          description: 'Taken; the last one also stores the file (type sniffed, checked, digested)',
          headers: { 'Upload-Offset': 'Bytes received so far', 'File-Id': 'Once the last byte is in: the stored file', ...tusHeaders },
        },
      },
      errors: [notFound, { code: 'UPLOAD_OFFSET_MISMATCH' }, { code: 'FILE_TYPE_NOT_ALLOWED' }, { code: 'STORAGE_UNAVAILABLE' }],
      handler: ({ params }, res, req) => passTus(deps.media, UploadChunkEndpoint, { params }, req, res),
    }),
    route({
      method: 'delete',
      path: '/api/files/uploads/:uploadId',
      summary: 'Cancel a resumable upload (tus 1.0 termination): what it received is removed',
      tag: 'files',
      access: 'authenticated',
      request: { params: UploadParams },
      responses: { 204: { description: 'Cancelled', headers: tusHeaders } },
      errors: [notFound],
      handler: ({ params }, res, req) => passTus(deps.media, CancelUploadEndpoint, { params }, req, res),
    }),
  ];
}
