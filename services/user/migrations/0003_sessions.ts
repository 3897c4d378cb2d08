import type { Migration } from '@smartcourse/platform';

/**
 * Sessions (one per login; the session id is the refresh-token family), their refresh tokens
 * (SHA-256 hashes only) and the failed-login counters behind lockout and throttling.
 */
export const sessions: Migration = {
  name: '0003_sessions',
  async up(db) {
    await db.schema.createTable('sessions', (table) => {
      table.uuid('id').primary();
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('last_used_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('revoked_at', { useTz: true });
      table.text('user_agent');
      table.text('client_ip');
    });
    await db.raw('create index sessions_active_by_user on sessions (user_id) where revoked_at is null');
    await db.schema.createTable('refresh_tokens', (table) => {
      table.text('token_hash').primary();
      table.uuid('session_id').notNullable().references('id').inTable('sessions');
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.timestamp('used_at', { useTz: true });
      table.timestamp('revoked_at', { useTz: true });
      table.index(['session_id']);
    });
    // key is `email:<normalized email>` or `ip:<address>`; unknown emails get rows like known ones.
    await db.schema.createTable('login_failures', (table) => {
      table.text('key').primary();
      table.integer('failures').notNullable();
      table.timestamp('window_started_at', { useTz: true }).notNullable();
      table.timestamp('locked_until', { useTz: true });
    });
  },
  async down(db) {
    await db.schema.dropTable('login_failures');
    await db.schema.dropTable('refresh_tokens');
    await db.schema.dropTable('sessions');
  },
};
