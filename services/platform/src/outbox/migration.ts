import type { Migration } from '../db/postgres.js';

/** Outbox and inbox tables; every Postgres-backed service lists this as its first migration. */
export const outboxInboxMigration: Migration = {
  name: '0000_outbox_inbox',
  async up(db) {
    await db.schema.createTable('outbox', (table) => {
      table.bigIncrements('id').primary();
      table.text('aggregate_id').notNullable();
      table.text('topic').notNullable();
      table.text('subject').notNullable();
      table.text('record_key').notNullable();
      // null is a tombstone: erasure on a compacted topic.
      table.jsonb('value');
      table.jsonb('headers').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('published_at', { useTz: true });
    });
    await db.raw('create index outbox_unpublished on outbox (id) where published_at is null');
    await db.schema.createTable('inbox', (table) => {
      table.text('consumer_group').notNullable();
      table.text('message_id').notNullable();
      table.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.primary(['consumer_group', 'message_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('inbox');
    await db.schema.dropTable('outbox');
  },
};
