import type { Migration } from '@smartcourse/platform';

/**
 * Quizzes with their answer keys, and attempts. An attempt keeps the questions it was shown
 * (order and keys, as of its start), so replacing a quiz never changes an attempt's grading.
 * Keys and answers stay in these tables: no event, result or student response carries them.
 */
export const quizzes: Migration = {
  name: '0003_quizzes',
  async up(db) {
    await db.schema.createTable('quizzes', (table) => {
      table.uuid('id').primary();
      table.uuid('lesson_id').notNullable().unique().references('id').inTable('lessons').onDelete('CASCADE');
      table.uuid('course_id').notNullable().references('id').inTable('courses').onDelete('CASCADE').index();
      table.text('title').notNullable();
      table.integer('pass_mark_percent').notNullable();
      table.integer('time_limit_seconds');
      table.integer('max_attempts');
      table.boolean('shuffle').notNullable().defaultTo(false);
      table.text('grading_method').notNullable();
      table.jsonb('questions').notNullable();
      table.integer('question_count').notNullable();
      table.integer('version').notNullable().defaultTo(1);
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.raw(`alter table quizzes add constraint quizzes_grading_check check (grading_method in ('highest', 'last'))`);
    await db.raw(`alter table quizzes add constraint quizzes_pass_mark_check check (pass_mark_percent between 0 and 100)`);

    await db.schema.createTable('quiz_attempts', (table) => {
      table.uuid('id').primary();
      table.uuid('quiz_id').notNullable().references('id').inTable('quizzes').onDelete('CASCADE');
      table.uuid('student_id').notNullable();
      table.integer('attempt_number').notNullable();
      table.integer('quiz_version').notNullable();
      table.jsonb('questions').notNullable();
      table.timestamp('started_at', { useTz: true }).notNullable();
      table.timestamp('deadline', { useTz: true });
      table.timestamp('submitted_at', { useTz: true });
      table.jsonb('answers');
      table.integer('score');
      table.integer('max_score').notNullable();
      table.double('percent');
      table.boolean('passed');
      table.unique(['quiz_id', 'student_id', 'attempt_number']);
    });
  },
  async down(db) {
    await db.schema.dropTable('quiz_attempts');
    await db.schema.dropTable('quizzes');
  },
};
