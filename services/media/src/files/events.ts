import { randomUUID } from 'node:crypto';
import { eventRecord, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { FileRow } from './store.js';

export const SERVICE = 'media';

/** `file.uploaded`: ids, purpose, type, size and digest; never the file's name (it may say who the uploader is). */
export function uploadedEvent(file: FileRow, context: MessageContext): OutgoingRecord {
  return eventRecord(
    'file.uploaded',
    {
      eventId: randomUUID(),
      occurredAt: (file.readyAt ?? new Date()).getTime(),
      fileId: file.id,
      ownerId: file.ownerId,
      purpose: file.purpose,
      contentType: file.contentType ?? 'application/octet-stream',
      size: file.size ?? 0,
      sha256: file.sha256 ?? '',
    },
    { service: SERVICE, key: file.id, context },
  );
}

export type DeletionReason = 'deleted' | 'erased';

export function deletedEvent(file: FileRow, by: string, reason: DeletionReason, context: MessageContext): OutgoingRecord {
  return eventRecord(
    'file.deleted',
    {
      eventId: randomUUID(),
      occurredAt: (file.deletedAt ?? new Date()).getTime(),
      fileId: file.id,
      ownerId: file.ownerId,
      purpose: file.purpose,
      by,
      reason,
    },
    { service: SERVICE, key: file.id, context },
  );
}
