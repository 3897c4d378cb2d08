import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream';
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

async function storePart(deps: UploadDeps, part: FilePart, input: { actor: Actor; purpose: FilePurpose; context: MessageContext }): Promise<FileRow> {
  const { actor, purpose } = input;
  if (!mayUpload(purpose, actor)) throw forbidden(`A ${purpose} file is not something a ${actor.role} uploads.`);
  const rule = purposeRules[purpose];
  const id = randomUUID();
  const key = storageKeyOf(id);
  await insertUploading(deps.db, { id, ownerId: actor.userId, purpose, name: fileName(part.name), storageKey: key, createdAt: new Date() });
  try {
    const sniff = sniffer();
    // pipeline passes on a failure of the part, even one that happened while the row was written.
    pipeline(part.body, sniff, (error) => {
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
    return await inTransaction(deps, async ({ trx, emit }) => {
      const ready = await markReady(trx, id, { contentType, size: stored.size, sha256: stored.sha256, readyAt: new Date() });
      if (!ready) throw incompleteUpload(new Error('the upload row was removed while the bytes were stored'));
      emit(uploadedEvent(ready, input.context));
      return ready;
    });
  } catch (error) {
    await discard(deps, id, key);
    throw refusal(error, part, rule.maxBytes);
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

async function discard(deps: UploadDeps, id: string, key: string): Promise<void> {
  try {
    await deps.store.remove(key);
    await forgetUpload(deps.db, id);
  } catch (error) {
    // The cleanup job removes what is left once the upload counts as abandoned.
    deps.log.warn({ err: error, fileId: id }, 'a failed upload could not be removed yet');
  }
}

/** What a failed upload answers: the client's fault first (cut short, too large, wrong type), the store's otherwise. */
function refusal(error: unknown, part: FilePart, maxBytes: number): unknown {
  if (part.truncated()) return incompleteUpload(error);
  if (error instanceof ObjectTooLargeError) {
    return new AppError({ code: 'FILE_TOO_LARGE', message: `The file is larger than ${maxBytes} bytes.`, details: { limit: maxBytes } });
  }
  if (error instanceof AppError) return error;
  return storageUnavailable(error);
}
