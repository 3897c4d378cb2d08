import type { Migration } from '@smartcourse/platform';

/**
 * The gradebook: lesson titles in the structure replica (the gradebook's column headings), and the
 * grades replica, one row per student and graded lesson. Quiz grades are kept here beside
 * `quiz_grades` (which drives lesson completion and is keyed by quiz): these tables belong to a
 * replica that `sc rebuild` can replay on its own. Figures and ids only, never feedback.
 */
export const gradebook: Migration = {
  name: '0004_gradebook',
  async up(db) {
    await db.schema.alterTable('structure_lessons', (table) => {
      table.text('title');
    });
    await db.schema.createTable('gradebook_quiz_grades', (table) => {
      table.uuid('student_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('quiz_id').notNullable();
      table.double('percent').notNullable();
      table.boolean('passed').notNullable();
      table.integer('attempt_number').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      table.primary(['student_id', 'lesson_id']);
      table.index(['course_id', 'student_id']);
    });
    await db.schema.createTable('gradebook_assignment_grades', (table) => {
      table.uuid('student_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('assignment_id').notNullable();
      table.uuid('submission_id').notNullable();
      table.double('score').notNullable();
      table.double('max_score').notNullable();
      table.double('percent').notNullable();
      table.boolean('passed').notNullable();
      table.double('late_penalty_percent').notNullable();
      table.integer('revision').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      table.primary(['student_id', 'lesson_id']);
      table.index(['course_id', 'student_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('gradebook_assignment_grades');
    await db.schema.dropTable('gradebook_quiz_grades');
    await db.schema.alterTable('structure_lessons', (table) => {
      table.dropColumn('title');
    });
  },
};
