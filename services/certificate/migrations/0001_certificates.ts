import { createDisplayNameTables, dropDisplayNameTables, type Migration } from '@smartcourse/platform';

/**
 * Certificates (one per enrollment, by a unique key), the sequence their numbers come from, and
 * the replicas the documents need: course titles and instructors, and display names. Names live
 * only in the replica, so an erasure takes them off every certificate at once.
 */
export const certificates: Migration = {
  name: '0001_certificates',
  async up(db) {
    // A sequence hands out each value once, even to a transaction that rolls back: numbers are never reused.
    await db.raw('create sequence certificate_numbers start 1');
    await db.schema.createTable('certificates', (table) => {
      table.uuid('id').primary();
      table.uuid('enrollment_id').notNullable().unique();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.bigInteger('sequence').notNullable().unique();
      table.text('number').notNullable().unique();
      table.text('verification_code').notNullable().unique();
      table.timestamp('completed_at', { useTz: true }).notNullable();
      table.double('score_percent');
      table.timestamp('issued_at', { useTz: true }).notNullable();
      table.text('status').notNullable().defaultTo('valid');
      table.timestamp('revoked_at', { useTz: true });
      table.text('revoke_reason');
      table.index(['student_id', 'issued_at']);
    });
    await db.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.uuid('instructor_id').notNullable();
      table.text('title').notNullable();
      table.text('summary');
      // course.published and course.updated travel on two topics: the later occurredAt wins.
      table.timestamp('facts_at', { useTz: true }).notNullable();
    });
    await createDisplayNameTables(db);
  },
  async down(db) {
    await dropDisplayNameTables(db);
    await db.schema.dropTable('courses');
    await db.schema.dropTable('certificates');
    await db.raw('drop sequence certificate_numbers');
  },
};
