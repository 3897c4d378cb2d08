import { createDisplayNameTables, dropDisplayNameTables, type Migration } from '@smartcourse/platform';

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
    await createDisplayNameTables(db);
  },
  async down(db) {
    await dropDisplayNameTables(db);
    await db.schema.dropTable('enrollments');
  },
};
