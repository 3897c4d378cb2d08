import { z } from 'zod';
import { BlobQuery, SignedLink, ContentQuery, File, FileParams, FilePurpose, FileStatus, UploadQuery } from '../http/files.js';
import { internalEndpoint } from './endpoint.js';

/** The media service's internal API: uploads (the gateway streams the multipart body through), reads, links and deletion. */

/** The body is the caller's multipart form, streamed through unparsed; the answer is the stored file. */
export const UploadFileEndpoint = internalEndpoint({ method: 'post', path: '/internal/files', query: UploadQuery, response: File });

/**
 * A file's metadata. `meta.readableBy` says whose rule decides whether the actor may read it:
 * `caller` (the media service's own rules granted it: the uploader, an admin, a public purpose)
 * or `course` (a lesson's or a submission's file: the course service decides).
 */
export const FileEndpoint = internalEndpoint({ method: 'get', path: '/internal/files/:fileId', params: FileParams, response: File });

export const ReadableBy = z.enum(['caller', 'course']);
export type ReadableBy = z.infer<typeof ReadableBy>;

/**
 * A signed, expiring address of the content. `courseGranted` is the course service's answer the
 * gateway obtained for a file whose rule is the course's; without it only the media service's own rules apply.
 */
export const ContentLinkEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/files/:fileId/link',
  params: FileParams,
  query: ContentQuery,
  body: z.strictObject({ courseGranted: z.boolean().default(false) }),
  response: SignedLink,
});

/** The content of the local store, by a signed URL (no actor: the signature is the grant); honours `Range`. */
export const BlobEndpoint = internalEndpoint({ method: 'get', path: '/internal/files/:fileId/blob', params: FileParams, query: BlobQuery });

/** Soft delete by the uploader or an admin; the content goes with the next cleanup. */
export const DeleteFileEndpoint = internalEndpoint({ method: 'delete', path: '/internal/files/:fileId', params: FileParams });

/** What a resource that refers to files needs to know of them: owner, purpose, status. No read rule applies: the caller is the gateway checking a reference. */
export const FileFacts = z.object({ id: z.uuid(), ownerId: z.uuid(), purpose: FilePurpose, status: FileStatus });
export type FileFacts = z.infer<typeof FileFacts>;

export const FileFactsEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/file-facts',
  query: z.strictObject({
    ids: z
      .string()
      .transform((list) => list.split(','))
      .pipe(z.array(z.uuid()).min(1).max(100)),
  }),
  response: z.array(FileFacts),
});

/** A resumable upload's id: the id its file takes once whole. */
export const UploadParams = z.strictObject({ uploadId: z.uuid() });

/**
 * The tus 1.0 protocol (core, creation, termination, expiration): the gateway passes each
 * request and its tus headers through, the body streamed; the answers are tus's, not `{ data }`.
 */
export const CreateUploadEndpoint = internalEndpoint({ method: 'post', path: '/internal/uploads' });
export const UploadOffsetEndpoint = internalEndpoint({ method: 'head', path: '/internal/uploads/:uploadId', params: UploadParams });
export const UploadChunkEndpoint = internalEndpoint({ method: 'patch', path: '/internal/uploads/:uploadId', params: UploadParams });
export const CancelUploadEndpoint = internalEndpoint({ method: 'delete', path: '/internal/uploads/:uploadId', params: UploadParams });
