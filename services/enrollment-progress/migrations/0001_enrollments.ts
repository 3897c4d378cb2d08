import type { Migration } from '@smartcourse/platform';

/**
 * Enrollments merged with their progress (one row per student and course), the replicas of
 * courses and of their structures, and the quiz grades per student and quiz. Grades have their
 * own table because `quiz.attempt_graded` may arrive before the enrollment or the structure.
 * Nothing personal is stored: ids and figures only.
 */
export const enrollments: Migration = {
  name: '0001_enrollments',
  async up(db) {
    await db.schema.createTable('courses', (table) => {
      table.uuid('id').primary();
      table.uuid('instructor_id').notNullable();
      table.text('title');
      table.integer('price_cents');
      table.text('status').notNullable();
      // Course facts travel on several topics, so their order is not the order they happened in.
      table.timestamp('status_at', { useTz: true }).notNullable();
      table.timestamp('facts_at', { useTz: true });
    });
    await db.schema.createTable('structures', (table) => {
      table.uuid('course_id').primary();
      table.integer('structure_version').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.createTable('structure_lessons', (table) => {
      table.uuid('lesson_id').primary();
      table.uuid('course_id').notNullable().index();
      table.integer('position').notNullable();
      table.text('kind').notNullable();
      table.boolean('required').notNullable();
      table.uuid('quiz_id');
    });
    await db.schema.createTable('enrollments', (table) => {
      table.uuid('id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.text('status').notNullable();
      table.jsonb('completed_lesson_ids').notNullable().defaultTo('[]');
      table.integer('percent').notNullable().defaultTo(0);
      table.integer('required_lesson_count').notNullable().defaultTo(0);
      table.integer('completed_required_count').notNullable().defaultTo(0);
      table.uuid('current_lesson_id');
      table.timestamp('last_accessed_at', { useTz: true });
      table.integer('time_spent_seconds').notNullable().defaultTo(0);
      table.timestamp('enrolled_at', { useTz: true }).notNullable();
      table.timestamp('completed_at', { useTz: true });
      table.integer('score_percent');
      table.integer('version').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.unique(['student_id', 'course_id']);
      table.index(['student_id', 'enrolled_at']);
      table.index(['course_id', 'status']);
    });
    await db.schema.createTable('quiz_grades', (table) => {
      table.uuid('student_id').notNullable();
      table.uuid('quiz_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.double('grade_percent').notNullable();
      table.boolean('passed').notNullable();
      table.integer('attempt_number').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      table.primary(['student_id', 'quiz_id']);
      table.index(['student_id', 'course_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('quiz_grades');
    await db.schema.dropTable('enrollments');
    await db.schema.dropTable('structure_lessons');
    await db.schema.dropTable('structures');
    await db.schema.dropTable('courses');
  },
};
