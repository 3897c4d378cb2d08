import type { Migration } from '@smartcourse/platform';

/** A user's avatar: a file id of the media service (the bytes live there), none until one is set. */
export const avatars: Migration = {
  name: '0007_avatars',
  async up(db) {
    await db.schema.alterTable('users', (table) => {
      table.uuid('avatar_file_id');
    });
  },
  async down(db) {
    await db.schema.alterTable('users', (table) => {
      table.dropColumn('avatar_file_id');
    });
  },
};
