import type { Migration } from '@smartcourse/platform';

/**
 * Files: one row per upload, written before its first byte is stored (`uploading`), so a crash
 * mid-upload leaves a row the cleanup job finds and finishes, never bytes nobody knows of.
 */
export const files: Migration = {
  name: '0001_files',
  async up(db) {
    await db.schema.createTable('files', (table) => {
      table.uuid('id').primary();
      table.uuid('owner_id').notNullable();
      table.text('purpose').notNullable();
      table.text('name').notNullable();
      table.text('status').notNullable();
      table.text('storage_key').notNullable().unique();
      table.text('content_type');
      table.bigInteger('size');
      table.text('sha256');
      table.jsonb('rendition');
      table.text('preview_key');
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('ready_at', { useTz: true });
      table.timestamp('deleted_at', { useTz: true });
      table.uuid('deleted_by');
      table.timestamp('content_removed_at', { useTz: true });
      table.index(['owner_id', 'purpose']);
    });
    await db.raw(`alter table files add constraint files_status check (status in ('uploading', 'ready', 'deleted'))`);
    // What the cleanup job scans: unfinished uploads by age, deleted files whose bytes are still there.
    await db.raw(`create index files_uploading on files (created_at) where status = 'uploading'`);
    await db.raw(`create index files_content_to_remove on files (deleted_at) where status = 'deleted' and content_removed_at is null`);
  },
  async down(db) {
    await db.schema.dropTable('files');
  },
};
