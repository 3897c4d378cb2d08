import { migrate, type Knex, type Migration } from '../db/postgres.js';

/** Outbox and inbox tables: the first of the platform migrations every Postgres-backed service runs (migrateService). */
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

/**
 * Parking (a row that can never be published is set aside with its error, and the rest flow)
 * and the result of each handled command kept with its inbox entry, to answer a retry.
 */
export const outboxParkingMigration: Migration = {
  name: '0000_outbox_parking_inbox_results',
  async up(db) {
    await db.schema.alterTable('outbox', (table) => {
      table.timestamp('parked_at', { useTz: true });
      table.text('error');
    });
    await db.raw('drop index outbox_unpublished');
    await db.raw('create index outbox_unpublished on outbox (id) where published_at is null and parked_at is null');
    await db.raw('create index outbox_parked on outbox (id) where parked_at is not null');
    await db.schema.alterTable('inbox', (table) => {
      table.jsonb('result');
    });
  },
  async down(db) {
    await db.schema.alterTable('inbox', (table) => table.dropColumn('result'));
    await db.raw('drop index outbox_parked');
    await db.raw('drop index outbox_unpublished');
    await db.raw('create index outbox_unpublished on outbox (id) where published_at is null');
    await db.schema.alterTable('outbox', (table) => {
      table.dropColumn('parked_at');
      table.dropColumn('error');
    });
  },
};

/** The platform's own tables, applied before a service's migrations. */
export const platformMigrations: readonly Migration[] = [outboxInboxMigration, outboxParkingMigration];

/** Runs the platform's tables, then the service's own migrations: what a service and its CLIs do on start. */
export function migrateService(db: Knex, migrations: readonly Migration[]): Promise<string[]> {
  return migrate(db, [...platformMigrations, ...migrations]);
}
