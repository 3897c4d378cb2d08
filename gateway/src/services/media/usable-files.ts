import type { Response } from 'express';
import { FileFactsEndpoint, type FileFacts, type FilePurpose } from '@smartcourse/contracts';
import { AppError } from '@smartcourse/platform';
import { actorOf } from '../../auth/middleware.js';
import type { InternalClient } from '../../internal-client.js';
import { onBehalfOf, relay } from '../../relay.js';

/** A field of a request that refers to files, and the purpose its files must have. */
export interface FileReference {
  /** The field's path in the body, for the error details (`fileIds`, `body.attachmentFileIds`). */
  field: string;
  ids: readonly string[];
  purpose: FilePurpose;
}

export type Unusable = 'not-found' | 'not-yours' | 'wrong-purpose' | 'not-ready';

/** Why a file cannot be referred to by the caller in a field of this purpose, or undefined when it can. */
export function unusable(
  facts: FileFacts | undefined,
  reference: Pick<FileReference, 'purpose'>,
  caller: { userId: string; role: string },
): Unusable | undefined {
  if (!facts || facts.status === 'deleted') return 'not-found';
  if (facts.status !== 'ready') return 'not-ready';
  if (facts.purpose !== reference.purpose) return 'wrong-purpose';
  if (facts.ownerId !== caller.userId && caller.role !== 'admin') return 'not-yours';
  return undefined;
}

/**
 * Checks, where the caller and the media service's facts meet, that every file id a request refers
 * to is a whole upload of the caller (admins may use anyone's) with the field's purpose; answers
 * 422 FILE_NOT_USABLE listing each id and why otherwise. True when the request may go on.
 */
export async function checkFileReferences(media: InternalClient, res: Response, references: readonly FileReference[]): Promise<boolean> {
  const ids = [...new Set(references.flatMap((reference) => reference.ids))];
  if (ids.length === 0) return true;
  const answer = await media.call(FileFactsEndpoint, { query: { ids }, ...onBehalfOf(res) });
  if (answer.status !== 200) {
    relay(res, answer);
    return false;
  }
  const facts = new Map((answer.body as { data: FileFacts[] }).data.map((file) => [file.id, file]));
  const caller = actorOf(res);
  const problems = references.flatMap((reference) =>
    reference.ids.flatMap((fileId) => {
      const reason = unusable(facts.get(fileId), reference, caller);
      return reason ? [{ field: reference.field, fileId, reason }] : [];
    }),
  );
  if (problems.length === 0) return true;
  throw new AppError({ code: 'FILE_NOT_USABLE', message: 'A file this refers to cannot be used here.', details: problems });
}
