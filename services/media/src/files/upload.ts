import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import type { Request } from 'express';
import { FilePurpose } from '@smartcourse/contracts';
import {
  AppError,
  forbidden,
  inTransaction,
  ObjectTooLargeError,
  validationError,
  type Actor,
  type Logger,
  type MessageContext,
  type ObjectStore,
  type Writer,
} from '@smartcourse/platform';
import { uploadedEvent } from './events.js';
import { incompleteUpload, receiveFile, type FilePart } from './form.js';
import { purposeRules } from './purposes.js';
import { mayUpload } from './rules.js';
import { sniffer } from './sniff.js';
import { forgetUpload, insertUploading, markReady, type FileRow } from './store.js';

export interface UploadDeps extends Writer {
  store: ObjectStore;
  log: Logger;
}

export const storageUnavailable = (cause: unknown) =>
  new AppError({ code: 'STORAGE_UNAVAILABLE', message: 'The file store is unavailable; nothing was stored. Try again shortly.', retriable: true, cause });

export const fileTooLarge = (limit: number) => new AppError({ code: 'FILE_TOO_LARGE', message: `The file is larger than ${limit} bytes.`, details: { limit } });

/** Where a file's bytes live: chosen here, never from anything the client sent. */
export const storageKeyOf = (fileId: string) => `files/${fileId}`;

/**
 * Takes one file from a multipart request: the row first (`uploading`), then the bytes streamed
 * into the store through the type sniffer and the purpose's size limit, then the row made `ready`
 * with `file.uploaded` in one transaction. Whatever fails, the row and any bytes are removed
 * before the error answers; if the process dies instead, the cleanup job removes them.
 */
export function receiveUpload(deps: UploadDeps, req: Request, input: { actor: Actor; purpose: FilePurpose | undefined; context: MessageContext }) {
  return receiveFile(req, async (part) => storePart(deps, part, { ...input, purpose: input.purpose ?? purposeField(part) }));
}

function purposeField(part: FilePart): FilePurpose {
  const parsed = FilePurpose.safeParse(part.fields.purpose);
  if (parsed.success) return parsed.data;
  const message =
    part.fields.purpose === undefined
      ? 'Send `purpose` as a form field before the file, or as the `purpose` query parameter.'
      : `One of: ${FilePurpose.options.join(', ')}.`;
  throw validationError([{ path: 'purpose', message }]);
}

function storePart(deps: UploadDeps, part: FilePart, input: { actor: Actor; purpose: FilePurpose; context: MessageContext }): Promise<FileRow> {
  return storeFile(deps, { ...input, id: randomUUID(), name: part.name, body: part.body, truncated: part.truncated });
}

/** What is stored: whose, for what, its bytes as they come, and whether they were cut short on the way. */
export interface Incoming {
  id: string;
  actor: Actor;
  purpose: FilePurpose;
  name: string;
  body: Readable;
  truncated: () => boolean;
  context: MessageContext;
}

/**
 * Stores one file: the row first (`uploading`), then the bytes through the type sniffer and the
 * purpose's size limit into the store, then the row `ready` with `file.uploaded`, in one
 * transaction. A failure removes the row (and bytes stored whole) before it answers.
 */
export async function storeFile(deps: UploadDeps, incoming: Incoming): Promise<FileRow> {
  const { actor, purpose, id } = incoming;
  if (!mayUpload(purpose, actor)) throw forbidden(`A ${purpose} file is not something a ${actor.role} uploads.`);
  const rule = purposeRules[purpose];
  const key = storageKeyOf(id);
  await insertUploading(deps.db, { id, ownerId: actor.userId, purpose, name: fileName(incoming.name), storageKey: key, createdAt: new Date() });
  // A put that fails keeps nothing (the store's promise); only bytes stored whole need removing.
  let bytesKept = false;
  try {
    const sniff = sniffer();
    // pipeline passes on a failure of the body, even one that happened while the row was written.
    pipeline(incoming.body, sniff, (error) => {
      if (error) sniff.destroy(error);
    });
    const contentType = await sniff.type;
    if (!contentType || !rule.types.includes(contentType)) {
      throw new AppError({
        code: 'FILE_TYPE_NOT_ALLOWED',
        message: `A ${purpose} file cannot be ${contentType ?? 'of an unrecognised type'}.`,
        details: { found: contentType ?? null, allowed: rule.types },
      });
    }
    const stored = await deps.store.put(key, sniff, { contentType, maxBytes: rule.maxBytes });
    bytesKept = true;
    return await inTransaction(deps, async ({ trx, emit }) => {
      const ready = await markReady(trx, id, { contentType, size: stored.size, sha256: stored.sha256, readyAt: new Date() });
      if (!ready) throw incompleteUpload(new Error('the upload row was removed while the bytes were stored'));
      emit(uploadedEvent(ready, incoming.context));
      return ready;
    });
  } catch (error) {
    await discard(deps, id, bytesKept ? key : undefined);
    throw refusal(error, incoming.truncated, rule.maxBytes);
  }
}

/** The client's file name, kept for display only: no control characters, at most 255 characters. */
function fileName(name: string): string {
  const cleaned = name
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return cleaned || 'file';
}

async function discard(deps: UploadDeps, id: string, storedKey: string | undefined): Promise<void> {
  try {
    if (storedKey) await deps.store.remove(storedKey);
    await forgetUpload(deps.db, id);
  } catch (error) {
    // The cleanup job removes what is left once the upload counts as abandoned.
    deps.log.warn({ err: error, fileId: id }, 'a failed upload could not be removed yet');
  }
}

/** What a failed upload answers: the client's fault first (cut short, too large, wrong type), the store's otherwise. */
function refusal(error: unknown, truncated: () => boolean, maxBytes: number): unknown {
  if (truncated()) return incompleteUpload(error);
  if (error instanceof ObjectTooLargeError) return fileTooLarge(maxBytes);
  if (error instanceof AppError) return error;
  return storageUnavailable(error);
}
