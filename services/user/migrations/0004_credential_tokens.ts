import type { Migration } from '@smartcourse/platform';

/**
 * Single-use tokens mailed as links: password reset and email verification. Only the SHA-256
 * of a token is kept; the rows also count the mails sent, for throttling.
 */
export const credentialTokens: Migration = {
  name: '0004_credential_tokens',
  async up(db) {
    for (const name of ['password_reset_tokens', 'email_verification_tokens']) {
      await db.schema.createTable(name, (table) => {
        table.text('token_hash').primary();
        table.uuid('user_id').notNullable().references('id').inTable('users');
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('expires_at', { useTz: true }).notNullable();
        table.timestamp('used_at', { useTz: true });
        table.index(['user_id', 'created_at']);
      });
    }
  },
  async down(db) {
    await db.schema.dropTable('email_verification_tokens');
    await db.schema.dropTable('password_reset_tokens');
  },
};
