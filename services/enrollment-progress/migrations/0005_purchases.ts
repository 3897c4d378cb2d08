import type { Migration } from '@smartcourse/platform';

/**
 * Purchases: an enrollment remembers the order that bought its current activation (`order_id`,
 * null when the student enrolled themselves) and when that order was refunded; the new status
 * `refunded` joins the others, now checked by the database. `order_refunds` keeps every refunded
 * order, so an `order.paid` handled after its own `order.refunded` (the two topics are read
 * independently) does not enroll. The course replica keeps the currency beside the price, for the
 * way to buy a paid course that a refused enrollment answers.
 */
export const purchases: Migration = {
  name: '0005_purchases',
  async up(db) {
    await db.schema.alterTable('enrollments', (table) => {
      table.uuid('order_id');
      table.timestamp('refunded_at', { useTz: true });
    });
    await db.raw(
      "alter table enrollments add constraint enrollments_status_check check (status in ('active', 'completed', 'dropped', 'suspended', 'refunded'))",
    );
    await db.schema.createTable('order_refunds', (table) => {
      table.uuid('order_id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.timestamp('refunded_at', { useTz: true }).notNullable();
    });
    await db.schema.alterTable('courses', (table) => {
      table.text('currency');
    });
  },
  async down(db) {
    await db.schema.alterTable('courses', (table) => {
      table.dropColumn('currency');
    });
    await db.schema.dropTable('order_refunds');
    await db.raw('alter table enrollments drop constraint enrollments_status_check');
    await db.schema.alterTable('enrollments', (table) => {
      table.dropColumn('refunded_at');
      table.dropColumn('order_id');
    });
  },
};
