import { z } from 'zod';

/** Request and response bodies of the file routes, shared by the gateway and the media service. */

export const filePurposes = ['avatar', 'course-thumbnail', 'lesson-attachment', 'lesson-video', 'submission', 'classroom-material', 'recording'] as const;
export const fileStatuses = ['uploading', 'ready', 'deleted'] as const;

export const FilePurpose = z.enum(filePurposes);
export const FileStatus = z.enum(fileStatuses);
export type FilePurpose = z.infer<typeof FilePurpose>;
export type FileStatus = z.infer<typeof FileStatus>;

export const FileParams = z.strictObject({ fileId: z.uuid() });

/** `POST /api/files`: the purpose may come as a query parameter instead of a form field placed before the file. */
export const UploadQuery = z.strictObject({ purpose: FilePurpose.optional() });

/** What the OpenAPI document shows of the multipart body (the gateway streams it, unparsed, to the media service). */
export const UploadForm = z.strictObject({
  purpose: FilePurpose.describe('Before `file` in the form, or as the `purpose` query parameter.'),
  file: z.string().describe("The content (binary). Its type is sniffed from the bytes; the part's own Content-Type is not trusted."),
});

/** What the media service learnt of an image or a video once stored. */
export const FileRendition = z.object({
  /** An image's resized copy (WebP, at most 512 px on its longer side), or a video's poster frame. */
  preview: z.object({ width: z.number().int(), height: z.number().int(), contentType: z.string() }).nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationSeconds: z.number().nullable(),
});

export const File = z.object({
  id: z.uuid(),
  name: z.string().describe("The uploader's file name, as sent (never used as a path)."),
  size: z.number().int().describe('Bytes.'),
  contentType: z.string().describe('Sniffed from the bytes.'),
  sha256: z.string().describe('Lower-case hex SHA-256 of the content.'),
  purpose: FilePurpose,
  status: FileStatus,
  ownerId: z.uuid(),
  createdAt: z.iso.datetime(),
  rendition: FileRendition.nullable().describe('Preview and media facts; null until made (or for files that have none).'),
});
export type File = z.infer<typeof File>;

/** `GET /api/files/{fileId}/content?variant=`: the original bytes, or the preview of an image or video. */
export const ContentQuery = z.strictObject({ variant: z.enum(['original', 'preview']).default('original') });

/** The signed address of a file's content: a presigned S3 URL, or the gateway's own `…/blob` URL with an HMAC. */
export const SignedLink = z.object({ url: z.string(), expiresAt: z.iso.datetime() });
export type SignedLink = z.infer<typeof SignedLink>;

/** The query of a signed blob URL of the local store: what the signature covers. */
export const BlobQuery = z.strictObject({
  variant: z.enum(['original', 'preview']),
  expires: z.coerce.number().int().positive(),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an HMAC-SHA256 in base64url'),
});
