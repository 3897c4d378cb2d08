import type { Migration } from '@smartcourse/platform';

/**
 * The fake provider's own state, apart from the service's: its payments (as a provider keeps
 * them) and the webhooks it still has to deliver. Nothing of the service reads these tables.
 */
export const fakeProvider: Migration = {
  name: '0002_fake_provider',
  async up(db) {
    await db.schema.createTable('fake_provider_payments', (table) => {
      table.text('id').primary();
      table.text('idempotency_key').notNullable().unique();
      table.text('client_secret').notNullable();
      table.bigInteger('amount_cents').notNullable();
      table.text('currency').notNullable();
      table.text('description').notNullable();
      table.jsonb('metadata').notNullable();
      table.text('status').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('fake_provider_refunds', (table) => {
      table.text('id').primary();
      table.text('idempotency_key').notNullable().unique();
      table.text('payment_id').notNullable().references('fake_provider_payments.id');
      table.bigInteger('amount_cents').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
    await db.schema.createTable('fake_provider_webhooks', (table) => {
      table.bigIncrements('id');
      table.text('event_id').notNullable();
      table.jsonb('payload').notNullable();
      table.timestamp('deliver_at', { useTz: true }).notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.timestamp('delivered_at', { useTz: true });
      table.index(['delivered_at', 'deliver_at']);
    });
  },
  async down(db) {
    for (const table of ['fake_provider_webhooks', 'fake_provider_refunds', 'fake_provider_payments']) await db.schema.dropTable(table);
  },
};
