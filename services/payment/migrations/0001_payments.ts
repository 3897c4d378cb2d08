import type { Migration } from '@smartcourse/platform';

/**
 * Orders, their refunds, coupons, the provider's webhook events already handled, and the two
 * replicas the rules need: published courses (price, instructor) and enrollments (status, progress).
 * Money is `bigint` minor units beside an ISO 4217 code: never a float.
 */
export const payments: Migration = {
  name: '0001_payments',
  async up(db) {
    await db.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.uuid('instructor_id').notNullable();
      // Facts (title, price) and status come on different topics: either may arrive first.
      table.text('title');
      table.bigInteger('price_cents');
      table.text('currency');
      table.text('status').notNullable();
      table.timestamp('facts_at', { useTz: true });
      table.timestamp('status_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('enrollments', (table) => {
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('enrollment_id').notNullable();
      table.text('status').notNullable();
      table.integer('version').notNullable();
      table.integer('percent').notNullable().defaultTo(0);
      table.primary(['student_id', 'course_id']);
    });
    await db.schema.createTable('coupons', (table) => {
      table.uuid('id').primary();
      table.text('code').notNullable().unique();
      table.integer('percent_off');
      table.bigInteger('amount_off_cents');
      table.text('currency');
      table.uuid('course_id');
      table.integer('max_redemptions');
      table.timestamp('expires_at', { useTz: true });
      table.uuid('created_by').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
    await db.raw(
      `alter table coupons add constraint coupons_one_discount check ((percent_off is null) <> (amount_off_cents is null) and (amount_off_cents is null) = (currency is null))`,
    );
    await db.schema.createTable('orders', (table) => {
      table.uuid('id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('instructor_id').notNullable();
      table.text('course_title').notNullable();
      table.bigInteger('list_price_cents').notNullable();
      table.bigInteger('discount_cents').notNullable();
      table.bigInteger('amount_cents').notNullable();
      table.text('currency').notNullable();
      table.uuid('coupon_id').references('coupons.id');
      table.text('coupon_code');
      table.text('provider').notNullable();
      table.text('payment_id');
      // What the buyer's client needs to pay (a client secret or a page): shown to the buyer alone, never published.
      table.jsonb('checkout');
      table.text('status').notNullable();
      table.text('failure_reason');
      table.timestamp('placed_at', { useTz: true }).notNullable();
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.timestamp('paid_at', { useTz: true });
      table.timestamp('failed_at', { useTz: true });
      table.timestamp('refunded_at', { useTz: true });
      table.unique(['provider', 'payment_id']);
      table.index(['student_id', 'placed_at']);
      table.index(['instructor_id', 'paid_at']);
    });
    await db.raw(`alter table orders add constraint orders_status check (status in ('pending', 'paid', 'refunded', 'failed', 'expired'))`);
    await db.raw(
      `alter table orders add constraint orders_amounts check (amount_cents >= 0 and discount_cents >= 0 and amount_cents + discount_cents = list_price_cents)`,
    );
    // One open order per buyer and course: placing it again answers the same order.
    await db.raw(`create unique index orders_one_pending on orders (student_id, course_id) where status = 'pending'`);
    await db.schema.createTable('refunds', (table) => {
      table.uuid('id').primary();
      table.uuid('order_id').notNullable().unique().references('orders.id');
      table.bigInteger('amount_cents').notNullable();
      table.text('currency').notNullable();
      table.text('reason').notNullable();
      table.text('initiated_by').notNullable();
      // null when the refund was made at the provider (its dashboard), not through the platform
      table.uuid('actor_id');
      table.text('provider_refund_id');
      table.text('status').notNullable();
      table.timestamp('requested_at', { useTz: true }).notNullable();
      table.timestamp('completed_at', { useTz: true });
    });
    await db.schema.createTable('provider_events', (table) => {
      table.text('provider').notNullable();
      table.text('event_id').notNullable();
      table.text('type').notNullable();
      table.timestamp('received_at', { useTz: true }).notNullable();
      table.primary(['provider', 'event_id']);
    });
  },
  async down(db) {
    for (const table of ['provider_events', 'refunds', 'orders', 'coupons', 'enrollments', 'courses']) await db.schema.dropTable(table);
  },
};
