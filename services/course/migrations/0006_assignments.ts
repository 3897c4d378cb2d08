import type { Migration } from '@smartcourse/platform';

/**
 * Assignment lessons: the assignment of a lesson of kind `assignment`, the students' submissions
 * (one row per version handed in), and every grade given to a submission (a regrade adds a row,
 * so the history stays). A student's work and an instructor's feedback stay in these tables: no
 * event carries them. `file_ids` is indexed for the read rule of submission files (who may read
 * a file id held by a submission).
 */
export const assignments: Migration = {
  name: '0006_assignments',
  async up(db) {
    await db.raw(`alter table lessons drop constraint lessons_kind_check`);
    await db.raw(`alter table lessons add constraint lessons_kind_check check (kind in ('theory', 'video', 'quiz', 'practice', 'assignment'))`);

    await db.schema.createTable('assignments', (table) => {
      table.uuid('id').primary();
      table.uuid('lesson_id').notNullable().unique().references('id').inTable('lessons').onDelete('CASCADE');
      table.uuid('course_id').notNullable().references('id').inTable('courses').onDelete('CASCADE').index();
      table.text('instructions').notNullable();
      table.timestamp('due_at', { useTz: true });
      table.timestamp('late_until', { useTz: true });
      table.double('late_penalty_percent_per_day').notNullable();
      table.integer('max_score').notNullable();
      table.integer('pass_mark_percent').notNullable();
      table.boolean('allow_resubmission').notNullable();
      table.boolean('file_required').notNullable();
      table.integer('max_files').notNullable();
      table.integer('version').notNullable().defaultTo(1);
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.raw(`alter table assignments add constraint assignments_penalty_check check (late_penalty_percent_per_day between 0 and 100)`);
    await db.raw(`alter table assignments add constraint assignments_pass_mark_check check (pass_mark_percent between 0 and 100)`);
    await db.raw(`alter table assignments add constraint assignments_late_check check (late_until is null or (due_at is not null and late_until >= due_at))`);

    await db.schema.createTable('submissions', (table) => {
      table.uuid('id').primary();
      table.uuid('assignment_id').notNullable().references('id').inTable('assignments').onDelete('CASCADE');
      table.uuid('student_id').notNullable();
      table.integer('version').notNullable();
      table.text('text');
      table.specificType('file_ids', 'uuid[]').notNullable().defaultTo('{}');
      table.boolean('late').notNullable();
      table.timestamp('submitted_at', { useTz: true }).notNullable();
      table.text('status').notNullable().defaultTo('submitted');
      table.unique(['assignment_id', 'student_id', 'version']);
    });
    await db.raw(`alter table submissions add constraint submissions_status_check check (status in ('submitted', 'graded'))`);
    await db.raw(`create index submissions_file_ids_idx on submissions using gin (file_ids)`);

    await db.schema.createTable('submission_grades', (table) => {
      table.uuid('id').primary();
      table.uuid('submission_id').notNullable().references('id').inTable('submissions').onDelete('CASCADE').index();
      table.uuid('assignment_id').notNullable();
      table.uuid('student_id').notNullable();
      table.integer('revision').notNullable();
      table.double('score').notNullable();
      table.double('late_penalty_percent').notNullable();
      table.double('final_score').notNullable();
      table.integer('max_score').notNullable();
      table.double('percent').notNullable();
      table.boolean('passed').notNullable();
      table.text('feedback').notNullable();
      table.uuid('graded_by').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      // A student's grades on an assignment are numbered 1, 2, … across their submissions.
      table.unique(['assignment_id', 'student_id', 'revision']);
    });
  },
  async down(db) {
    await db.schema.dropTable('submission_grades');
    await db.schema.dropTable('submissions');
    await db.schema.dropTable('assignments');
    await db.raw(`alter table lessons drop constraint lessons_kind_check`);
    await db.raw(`alter table lessons add constraint lessons_kind_check check (kind in ('theory', 'video', 'quiz', 'practice'))`);
  },
};
