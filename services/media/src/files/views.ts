import type { File } from '@smartcourse/contracts';
import type { FileRow } from './store.js';

/** A file as the API shows it: never its storage key. */
export function fileView(file: FileRow): File {
  return {
    id: file.id,
    name: file.name,
    size: file.size ?? 0,
    contentType: file.contentType ?? 'application/octet-stream',
    sha256: file.sha256 ?? '',
    purpose: file.purpose,
    status: file.status,
    ownerId: file.ownerId,
    createdAt: file.createdAt.toISOString(),
    rendition: file.rendition,
  };
}
