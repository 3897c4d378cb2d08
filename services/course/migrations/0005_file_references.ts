import type { Migration } from '@smartcourse/platform';

/**
 * Files of the media service that courses and lessons refer to by id. A course's thumbnail is a
 * column; a lesson's video and attachments are rows of `lesson_files`, written in the transaction
 * that points the lesson at its body revision, so they always name the files of the current body.
 * Both are indexed by file id: the media service asks who may read a file by its id.
 */
export const fileReferences: Migration = {
  name: '0005_file_references',
  async up(db) {
    await db.schema.alterTable('courses', (table) => {
      table.uuid('thumbnail_file_id');
    });
    await db.raw(`create index courses_thumbnail_file_idx on courses (thumbnail_file_id) where thumbnail_file_id is not null`);
    await db.schema.createTable('lesson_files', (table) => {
      table.uuid('lesson_id').notNullable().references('id').inTable('lessons').onDelete('CASCADE');
      table.uuid('file_id').notNullable();
      table.text('role').notNullable();
      table.primary(['lesson_id', 'file_id', 'role']);
      table.index(['file_id'], 'lesson_files_file_idx');
    });
    await db.raw(`alter table lesson_files add constraint lesson_files_role_check check (role in ('video', 'attachment'))`);
  },
  async down(db) {
    await db.schema.dropTable('lesson_files');
    await db.schema.alterTable('courses', (table) => {
      table.dropColumn('thumbnail_file_id');
    });
  },
};
