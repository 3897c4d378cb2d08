import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import { CreateUploadEndpoint, FilePurpose, type ErrorCode } from '@smartcourse/contracts';
import { ACTOR_ID_HEADER, ACTOR_ROLE_HEADER, AppError, forbidden, newContext, validationError, type Actor } from '@smartcourse/platform';
import { purposeRules } from '../files/purposes.js';
import { mayUpload } from '../files/rules.js';
import { fileTooLarge, storeFile, type UploadDeps } from '../files/upload.js';
import type { Renditions } from '../renditions/make.js';

/** Where the gateway serves the uploads: a created upload's `Location` names it. */
const PUBLIC_PATH = '/api/files/uploads';

/** A hook's refusal as tus answers it: the status, and the platform's error body. */
function tusError(error: AppError): { status_code: number; body: string } {
  return {
    status_code: error.status,
    body: JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } }),
  };
}

/** The platform's codes of tus's refusals, by status. */
const tusCodes: Partial<Record<number, ErrorCode>> = { 404: 'UPLOAD_NOT_FOUND', 409: 'UPLOAD_OFFSET_MISMATCH', 410: 'UPLOAD_NOT_FOUND', 413: 'FILE_TOO_LARGE' };

const uploadNotFound = () => new AppError({ code: 'UPLOAD_NOT_FOUND', message: 'No such resumable upload of yours (finished, expired or never begun).' });

function actorOf(req: Request): Actor {
  const userId = req.headers.get(ACTOR_ID_HEADER);
  const role = req.headers.get(ACTOR_ROLE_HEADER);
  if (!userId || !role) throw new AppError({ code: 'UNAUTHORIZED', message: 'Authentication is required.' });
  return { userId, role } as Actor;
}

export interface ResumableUploads {
  server: Server;
  /** Removes the partial uploads older than the abandonment delay; answers how many. */
  removeExpired(): Promise<number>;
}

/**
 * Resumable uploads (tus 1.0, with @tus/server): the bytes gather in a directory of partial uploads
 * until the last one arrives; then the whole file goes through the same path as a form upload (type
 * sniffed, purpose's list and limit, SHA-256, the row and `file.uploaded`) and the partial is removed.
 * The upload's id becomes the file's id. Only its creator may resume, read the offset of or cancel it.
 */
export function resumableUploads(deps: UploadDeps & { renditions: Renditions }, settings: { directory: string; expireAfterSeconds: number }): ResumableUploads {
  const datastore = new FileStore({ directory: settings.directory, expirationPeriodInMilliseconds: settings.expireAfterSeconds * 1000 });
  const ownerOf = async (uploadId: string) => {
    try {
      return (await datastore.getUpload(uploadId)).metadata?.ownerId;
    } catch {
      // tus's own answer to an unknown id (404) follows from the handler.
      return undefined;
    }
  };

  const server: Server = new Server({
    path: CreateUploadEndpoint.path,
    datastore,
    namingFunction: () => randomUUID(),
    generateUrl: (_req, { id }) => `${PUBLIC_PATH}/${id}`,
    maxSize: Math.max(...Object.values(purposeRules).map((rule) => rule.maxBytes)),
    async onUploadCreate(req, upload) {
      try {
        const actor = actorOf(req);
        const purpose = FilePurpose.safeParse(upload.metadata?.purpose);
        if (!purpose.success) throw validationError([{ path: 'Upload-Metadata.purpose', message: `One of: ${FilePurpose.options.join(', ')}.` }]);
        if (!mayUpload(purpose.data, actor)) throw forbidden(`A ${purpose.data} file is not something a ${actor.role} uploads.`);
        if (upload.size === undefined) throw validationError([{ path: 'Upload-Length', message: 'Give the whole length when the upload is created.' }]);
        if (upload.size > purposeRules[purpose.data].maxBytes) throw fileTooLarge(purposeRules[purpose.data].maxBytes);
        return { metadata: { ...upload.metadata, purpose: purpose.data, ownerId: actor.userId, ownerRole: actor.role } };
      } catch (error) {
        throw error instanceof AppError ? tusError(error) : error;
      }
    },
    async onIncomingRequest(req, uploadId) {
      if (req.method === 'POST' || req.method === 'OPTIONS') return;
      const owner = await ownerOf(uploadId);
      if (owner !== undefined && owner !== req.headers.get(ACTOR_ID_HEADER)) throw tusError(uploadNotFound());
    },
    // tus's own refusals (an unknown upload, a wrong offset, …) answer in the platform's error shape too.
    onResponseError(_req, error) {
      if (!('status_code' in error) || error.body.startsWith('{')) return undefined;
      const code = tusCodes[error.status_code];
      return code ? tusError(new AppError({ code, message: error.body.trim() })) : undefined;
    },
    async onUploadFinish(req, upload) {
      try {
        const file = await finish(upload, req.headers.get('x-correlation-id') ?? undefined);
        deps.renditions.soon(file);
        return { status_code: 204, headers: { 'File-Id': file.id } };
      } catch (error) {
        throw error instanceof AppError ? tusError(error) : error;
      } finally {
        await datastore.remove(upload.id);
      }
    },
  });

  /** The whole file, from the partial upload into the store, as a form upload goes. */
  function finish(upload: Upload, correlationId: string | undefined) {
    const metadata = upload.metadata ?? {};
    return storeFile(deps, {
      id: upload.id,
      actor: { userId: String(metadata.ownerId), role: String(metadata.ownerRole) } as Actor,
      purpose: metadata.purpose as FilePurpose,
      name: metadata.filename ?? metadata.name ?? 'file',
      body: createReadStream(path.join(settings.directory, upload.id)),
      truncated: () => false,
      context: newContext(correlationId),
    });
  }

  return { server, removeExpired: () => server.cleanUpExpiredUploads() };
}
