import type { FilePurpose, ReadableBy } from '@smartcourse/contracts';
import type { Actor } from '@smartcourse/platform';
import { purposeRules } from './purposes.js';

/** What the media service needs to know of a file to decide on it. */
export interface FileFacts {
  ownerId: string;
  purpose: FilePurpose;
  status: 'uploading' | 'ready' | 'deleted';
}

export function mayUpload(purpose: FilePurpose, actor: Actor): boolean {
  const { uploaders } = purposeRules[purpose];
  return uploaders === 'anyone' || uploaders.some((role) => role === actor.role);
}

/**
 * Who decides whether `actor` reads the file: the media service grants it (`caller`) to the
 * uploader, admins and anyone for a public purpose; the course service decides (`course`) for a
 * lesson's or a submission's file; nobody else reads it (`undefined`). Only whole, undeleted files are read.
 */
export function readableBy(file: FileFacts, actor: Actor | undefined): ReadableBy | undefined {
  if (file.status !== 'ready') return undefined;
  const { readers } = purposeRules[file.purpose];
  if (readers === 'public' || (actor && (actor.userId === file.ownerId || actor.role === 'admin'))) return 'caller';
  if (readers === 'course' && actor) return 'course';
  return undefined;
}

/** The uploader and admins delete a file. */
export function mayDelete(file: FileFacts, actor: Actor): boolean {
  return file.status !== 'deleted' && (actor.userId === file.ownerId || actor.role === 'admin');
}

/** What an erasure deletes: the person's own picture and their hand-ins; what they taught stays with the courses. */
export const erasedPurposes: readonly FilePurpose[] = ['avatar', 'submission'];
