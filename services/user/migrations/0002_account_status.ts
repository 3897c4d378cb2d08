import type { Migration } from '@smartcourse/platform';

/** Account lifecycle columns: status, email verification, last login, erasure. */
export const accountStatus: Migration = {
  name: '0002_account_status',
  async up(db) {
    await db.schema.alterTable('users', (table) => {
      table.text('status').notNullable().defaultTo('active');
      table.timestamp('email_verified_at', { useTz: true });
      table.timestamp('last_login_at', { useTz: true });
      table.timestamp('erased_at', { useTz: true });
    });
    await db.raw(`alter table users add constraint users_status_check check (status in ('active', 'deactivated', 'erased'))`);
    await db.raw('create index users_role_status on users (role, status)');
  },
  async down(db) {
    await db.raw('drop index users_role_status');
    await db.schema.alterTable('users', (table) => {
      table.dropColumns('status', 'email_verified_at', 'last_login_at', 'erased_at');
    });
  },
};
