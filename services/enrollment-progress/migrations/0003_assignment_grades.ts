import type { Migration } from '@smartcourse/platform';

/**
 * Each student's latest assignment grade per assignment, from `assignment.graded` (the highest
 * revision wins), kept whether or not the enrollment or the structure is known yet, like quiz
 * grades: an assignment lesson completes from a passing grade once both are. Ids and figures only.
 */
export const assignmentGrades: Migration = {
  name: '0003_assignment_grades',
  async up(db) {
    await db.schema.createTable('assignment_grades', (table) => {
      table.uuid('student_id').notNullable();
      table.uuid('assignment_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.double('percent').notNullable();
      table.boolean('passed').notNullable();
      table.integer('revision').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      table.primary(['student_id', 'assignment_id']);
      table.index(['student_id', 'course_id']);
    });
  },
  async down(db) {
    await db.schema.dropTable('assignment_grades');
  },
};
