import type { FilePurpose, FileStatus } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';

/** A file as the media service keeps it. */
export interface FileRow {
  id: string;
  ownerId: string;
  purpose: FilePurpose;
  name: string;
  status: FileStatus;
  storageKey: string;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  rendition: Rendition | null;
  previewKey: string | null;
  createdAt: Date;
  readyAt: Date | null;
  deletedAt: Date | null;
}

export interface Rendition {
  preview: { width: number; height: number; contentType: string } | null;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
}

interface Row {
  id: string;
  owner_id: string;
  purpose: FilePurpose;
  name: string;
  status: FileStatus;
  storage_key: string;
  content_type: string | null;
  size: string | null;
  sha256: string | null;
  rendition: Rendition | null;
  preview_key: string | null;
  created_at: Date;
  ready_at: Date | null;
  deleted_at: Date | null;
}

const fromRow = (row: Row): FileRow => ({
  id: row.id,
  ownerId: row.owner_id,
  purpose: row.purpose,
  name: row.name,
  status: row.status,
  storageKey: row.storage_key,
  contentType: row.content_type,
  size: row.size === null ? null : Number(row.size),
  sha256: row.sha256,
  rendition: row.rendition,
  previewKey: row.preview_key,
  createdAt: row.created_at,
  readyAt: row.ready_at,
  deletedAt: row.deleted_at,
});

export async function insertUploading(
  db: Knex,
  file: { id: string; ownerId: string; purpose: FilePurpose; name: string; storageKey: string; createdAt: Date },
): Promise<void> {
  await db('files').insert({
    id: file.id,
    owner_id: file.ownerId,
    purpose: file.purpose,
    name: file.name,
    status: 'uploading',
    storage_key: file.storageKey,
    created_at: file.createdAt,
  });
}

/** Marks an upload whole; undefined when the row is gone (the cleanup job took it as abandoned). */
export async function markReady(
  trx: Knex,
  id: string,
  content: { contentType: string; size: number; sha256: string; readyAt: Date },
): Promise<FileRow | undefined> {
  const [row] = (await trx('files')
    .where({ id, status: 'uploading' })
    .update({ status: 'ready', content_type: content.contentType, size: content.size, sha256: content.sha256, ready_at: content.readyAt })
    .returning('*')) as Row[];
  return row && fromRow(row);
}

export async function forgetUpload(db: Knex, id: string): Promise<void> {
  await db('files').where({ id, status: 'uploading' }).delete();
}

export async function findFile(db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<FileRow | undefined> {
  const query = db<Row>('files').where({ id }).first();
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row && fromRow(row);
}

export async function findFiles(db: Knex, ids: readonly string[]): Promise<FileRow[]> {
  const rows = await db<Row>('files').whereIn('id', ids);
  return rows.map(fromRow);
}

export async function markDeleted(trx: Knex, id: string, by: string | null, at: Date): Promise<FileRow | undefined> {
  const [row] = (await trx('files')
    .where({ id })
    .whereNot({ status: 'deleted' })
    .update({ status: 'deleted', deleted_at: at, deleted_by: by })
    .returning('*')) as Row[];
  return row && fromRow(row);
}

/** A person's files of the given purposes that are not deleted yet, locked for the erasure that deletes them. */
export async function liveFilesOf(trx: Knex, ownerId: string, purposes: readonly FilePurpose[]): Promise<FileRow[]> {
  const rows = await trx<Row>('files').where({ owner_id: ownerId }).whereIn('purpose', purposes).whereNot({ status: 'deleted' }).forUpdate();
  return rows.map(fromRow);
}

export async function keepRendition(db: Knex, id: string, rendition: Rendition, previewKey: string | null): Promise<void> {
  await db('files')
    .where({ id })
    .update({ rendition: JSON.stringify(rendition), preview_key: previewKey });
}

/** Uploads begun before `before` and never finished (a crash, a dropped connection the process did not outlive). */
export async function abandonedUploads(db: Knex, before: Date, limit: number): Promise<FileRow[]> {
  const rows = await db<Row>('files').where({ status: 'uploading' }).andWhere('created_at', '<', before).orderBy('created_at').limit(limit);
  return rows.map(fromRow);
}

/** Deleted files whose content is still in the store. */
export async function contentToRemove(db: Knex, limit: number): Promise<FileRow[]> {
  const rows = await db<Row>('files').where({ status: 'deleted' }).whereNull('content_removed_at').orderBy('deleted_at').limit(limit);
  return rows.map(fromRow);
}

export async function markContentRemoved(db: Knex, id: string, at: Date): Promise<void> {
  await db('files').where({ id }).update({ content_removed_at: at });
}

/** Whole images and videos stored before `before` whose rendition was never made (a crash, a store that was down). */
export async function awaitingRendition(db: Knex, before: Date, limit: number): Promise<FileRow[]> {
  const rows = await db<Row>('files')
    .where({ status: 'ready' })
    .whereNull('rendition')
    .andWhere((query) => query.where('content_type', 'like', 'image/%').orWhere('content_type', 'like', 'video/%'))
    .andWhere('ready_at', '<', before)
    .orderBy('ready_at')
    .limit(limit);
  return rows.map(fromRow);
}
