import {
  BlobEndpoint,
  BlobQuery,
  ContentLinkEndpoint,
  ContentQuery,
  DeleteFileEndpoint,
  File,
  FileParams,
  UploadFileEndpoint,
  UploadForm,
  UploadQuery,
  type SignedLink,
} from '@smartcourse/contracts';
import { AppError, header, requestContext } from '@smartcourse/platform';
import type { InternalClient } from '../../internal-client.js';
import { forward, onBehalfOf, relay } from '../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../routing/spec.js';
import { readableFile, type FileAccessDeps } from './access.js';
import { relayContent, relayJson } from './passthrough.js';
import { uploadRoutes } from './uploads.js';

const notFound: ErrorSpec = { code: 'FILE_NOT_FOUND' };
const storage: ErrorSpec = { code: 'STORAGE_UNAVAILABLE' };

/** Files: the media service owns every byte; uploads and downloads stream through, never held whole. */
export function mediaServiceRoutes(deps: FileAccessDeps & { media: InternalClient }): RouteSpec[] {
  return [
    ...uploadRoutes(deps),
    route({
      method: 'post',
      path: '/api/files',
      summary:
        "Upload a file (multipart/form-data: `purpose`, then `file`); its type is sniffed from the bytes and checked against the purpose's list and size",
      tag: 'files',
      access: 'authenticated',
      request: { query: UploadQuery, upload: UploadForm },
      responses: { 201: { description: 'The stored file', body: File } },
      errors: [
        { code: 'FILE_TYPE_NOT_ALLOWED' },
        { code: 'FILE_TOO_LARGE' },
        { code: 'UPLOAD_INCOMPLETE' },
        {
          code: 'FORBIDDEN',
          description: "The purpose is not one the caller's role uploads (lesson files and thumbnails: instructors and admins; submissions: students).",
        },
        storage,
      ],
      async handler({ query }, res, req) {
        if (!header(req, 'content-type')?.toLowerCase().startsWith('multipart/form-data')) {
          throw new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the file as multipart/form-data.' });
        }
        const passed: Record<string, string> = { 'content-type': header(req, 'content-type') ?? '' };
        const length = header(req, 'content-length');
        if (length) passed['content-length'] = length;
        const answer = await deps.media.open(UploadFileEndpoint, { query, stream: req, headers: passed, ...onBehalfOf(res) });
        await relayJson(res, answer, 'media');
      },
    }),
    route({
      method: 'get',
      path: '/api/files/:fileId',
      summary:
        "A file's metadata (anyone for avatars and thumbnails; lesson files: who may read the lesson; submissions: the student, the course's instructor, admins)",
      tag: 'files',
      access: 'anyone',
      request: { params: FileParams },
      responses: { 200: { description: 'The file', body: File } },
      errors: [notFound],
      async handler({ params: { fileId } }, res) {
        const found = await readableFile(deps, fileId, res);
        if ('refused' in found) return relay(res, found.refused);
        res.json({ data: found.file });
      },
    }),
    route({
      method: 'get',
      path: '/api/files/:fileId/content',
      summary: 'The content: a redirect to a signed URL that expires (Range requests work there, for video seeking)',
      tag: 'files',
      access: 'anyone',
      request: { params: FileParams, query: ContentQuery },
      responses: {
        302: { description: 'To the signed URL of the content (or of its preview)', headers: { Location: 'The signed URL; it expires after a few minutes.' } },
      },
      errors: [notFound, storage],
      async handler({ params: { fileId }, query }, res) {
        const found = await readableFile(deps, fileId, res);
        if ('refused' in found) return relay(res, found.refused);
        const answer = await deps.media.call(ContentLinkEndpoint, {
          params: { fileId },
          query,
          body: { courseGranted: found.courseGranted },
          ...onBehalfOf(res),
        });
        if (answer.status !== 200) return relay(res, answer);
        const link = (answer.body as { data: SignedLink }).data;
        res.setHeader('Cache-Control', 'no-store');
        res.redirect(302, link.url);
      },
    }),
    route({
      method: 'get',
      path: '/api/files/:fileId/blob',
      summary: "The local store's content behind a signed URL (what /content redirects to when no S3 store is configured); one Range is honoured",
      tag: 'files',
      access: 'public',
      request: { params: FileParams, query: BlobQuery },
      responses: {
        200: { description: 'The whole content', mediaType: 'application/octet-stream' },
        206: { description: 'The requested range', mediaType: 'application/octet-stream', headers: { 'Content-Range': 'The bytes sent, of the whole' } },
      },
      errors: [notFound, { code: 'FORBIDDEN', description: 'The signature is wrong or the link has expired.' }, storage],
      async handler({ params, query }, res, req) {
        const range = header(req, 'range');
        const answer = await deps.media.open(BlobEndpoint, {
          params,
          query,
          correlationId: requestContext(res).correlationId,
          ...(range ? { headers: { range } } : {}),
        });
        await relayContent(res, answer, requestContext(res).log);
      },
    }),
    route({
      method: 'delete',
      path: '/api/files/:fileId',
      summary: 'Delete a file (its uploader, admins): references to it stop resolving at once; the content is removed by a cleanup job',
      tag: 'files',
      access: 'authenticated',
      request: { params: FileParams },
      responses: { 204: { description: 'Deleted' } },
      errors: [notFound, { code: 'FORBIDDEN', description: 'Only the uploader and admins delete a file.' }],
      handler: ({ params }, res) => forward(res, deps.media, DeleteFileEndpoint, { params }),
    }),
  ];
}
