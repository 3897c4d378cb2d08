import type { Migration } from '@smartcourse/platform';

export const createUsers: Migration = {
  name: '0001_users',
  async up(db) {
    await db.schema.createTable('users', (table) => {
      table.uuid('id').primary();
      table.text('email').notNullable().unique();
      table.text('password_hash').notNullable();
      table.text('full_name').notNullable();
      table.text('bio');
      table.text('role').notNullable().defaultTo('student');
      table.integer('version').notNullable().defaultTo(1);
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.raw(`alter table users add constraint users_role_check check (role in ('student', 'instructor', 'admin'))`);
  },
  async down(db) {
    await db.schema.dropTable('users');
  },
};
