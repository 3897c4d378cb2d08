import type { Migration } from '@smartcourse/platform';

/** TOTP factors (secret sealed with the MFA key), recovery codes and login challenges, all hashed or sealed. */
export const mfa: Migration = {
  name: '0006_mfa',
  async up(db) {
    await db.schema.createTable('mfa_factors', (table) => {
      table.uuid('user_id').primary().references('id').inTable('users');
      table.text('sealed_secret').notNullable();
      table.timestamp('confirmed_at', { useTz: true });
      // The last accepted time step: a code is never accepted twice.
      table.bigInteger('last_step');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.createTable('mfa_recovery_codes', (table) => {
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.text('code_hash').notNullable();
      table.timestamp('used_at', { useTz: true });
      table.primary(['user_id', 'code_hash']);
    });
    await db.schema.createTable('mfa_challenges', (table) => {
      table.text('token_hash').primary();
      table.uuid('user_id').notNullable().references('id').inTable('users');
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.timestamp('completed_at', { useTz: true });
      table.text('user_agent');
      table.text('client_ip');
    });
  },
  async down(db) {
    await db.schema.dropTable('mfa_challenges');
    await db.schema.dropTable('mfa_recovery_codes');
    await db.schema.dropTable('mfa_factors');
  },
};
