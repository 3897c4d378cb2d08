import type { Migration } from '@smartcourse/platform';

/**
 * Replicas of state other services own. Enrollments (from `enrollment.*`, owned by
 * enrollment-progress) keep the highest version seen, since their events arrive on several
 * topics in any interleaving. Display names come from the compacted user topics; an erased
 * user's id is remembered (nothing else) so a replayed registration cannot bring the name back.
 */
export const replicas: Migration = {
  name: '0002_replicas',
  async up(db) {
    await db.schema.createTable('enrollments', (table) => {
      table.uuid('id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable().index();
      table.text('status').notNullable();
      table.integer('version').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(['student_id', 'course_id']);
    });
    await db.schema.createTable('display_names', (table) => {
      table.uuid('user_id').primary();
      table.text('full_name').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.createTable('erased_users', (table) => {
      table.uuid('user_id').primary();
      table.timestamp('erased_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('erased_users');
    await db.schema.dropTable('display_names');
    await db.schema.dropTable('enrollments');
  },
};
