import type { Migration } from '@smartcourse/platform';

/**
 * The refunds of enrollments, as `enrollment.refunded` told them: the enrollment's version at the
 * refund decides whether a later-handled `enrollment.completed` may still issue a certificate (only
 * a completion after the refund, i.e. after the course was bought again, may).
 */
export const enrollmentRefunds: Migration = {
  name: '0002_enrollment_refunds',
  async up(db) {
    await db.schema.createTable('enrollment_refunds', (table) => {
      table.uuid('enrollment_id').primary();
      table.integer('version').notNullable();
      table.uuid('order_id').notNullable();
      table.timestamp('refunded_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    await db.schema.dropTable('enrollment_refunds');
  },
};
