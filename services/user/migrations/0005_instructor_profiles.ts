import type { Migration } from '@smartcourse/platform';

export const instructorProfiles: Migration = {
  name: '0005_instructor_profiles',
  async up(db) {
    await db.schema.createTable('instructor_profiles', (table) => {
      table.uuid('user_id').primary().references('id').inTable('users');
      table.text('title').notNullable();
      table.text('bio').notNullable();
      table.specificType('expertise', 'text[]').notNullable().defaultTo('{}');
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
  },
  async down(db) {
    await db.schema.dropTable('instructor_profiles');
  },
};
