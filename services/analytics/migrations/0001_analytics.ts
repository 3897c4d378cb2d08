import type { Migration } from '@smartcourse/platform';

/**
 * The facts the reports are computed from, one table per kind of fact, each keyed by the ids its
 * events carry so that a repeated event writes nothing new; a few rollups (learners per lesson)
 * grow only when their fact row is new. Indexes follow the reports' filters: a course and a time.
 */
export const analytics: Migration = {
  name: '0001_analytics',
  async up(db) {
    await db.schema.createTable('users', (table) => {
      table.uuid('user_id').primary();
      table.text('role');
      // user.registered and user.role_changed arrive on different topics: the latest occurrence wins.
      table.timestamp('role_at', { useTz: true });
      table.timestamp('registered_at', { useTz: true });
      table.timestamp('erased_at', { useTz: true });
      table.index(['registered_at']);
    });
    await db.schema.createTable('courses', (table) => {
      table.uuid('course_id').primary();
      // Facts, status and outline come on different topics: any may arrive first.
      table.uuid('instructor_id');
      table.text('title');
      table.text('status').notNullable();
      table.timestamp('facts_at', { useTz: true });
      table.timestamp('status_at', { useTz: true }).notNullable();
      table.integer('structure_version').notNullable().defaultTo(0);
      /** The outline's lessons in order: [{lessonId, title, moduleId}]. */
      table.jsonb('lessons').notNullable().defaultTo('[]');
      table.index(['instructor_id']);
    });
    await db.schema.createTable('enrollments', (table) => {
      table.uuid('enrollment_id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.text('status').notNullable();
      table.integer('version').notNullable();
      table.timestamp('enrolled_at', { useTz: true });
      table.integer('percent').notNullable().defaultTo(0);
      table.timestamp('completed_at', { useTz: true });
      table.timestamp('last_activity_at', { useTz: true });
      table.index(['course_id', 'enrolled_at']);
      table.index(['course_id', 'last_activity_at']);
      table.index(['student_id', 'course_id']);
    });
    await db.schema.createTable('lesson_completions', (table) => {
      table.uuid('enrollment_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.uuid('course_id').notNullable();
      table.timestamp('completed_at', { useTz: true }).notNullable();
      table.primary(['enrollment_id', 'lesson_id']);
    });
    await db.schema.createTable('lesson_learners', (table) => {
      table.uuid('course_id').notNullable();
      table.uuid('lesson_id').notNullable();
      table.integer('learners').notNullable();
      table.primary(['course_id', 'lesson_id']);
    });
    await db.schema.createTable('grades', (table) => {
      table.text('kind').notNullable(); // quiz | assignment
      table.uuid('item_id').notNullable(); // the quiz or the assignment
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.integer('percent').notNullable();
      table.boolean('passed').notNullable();
      table.timestamp('graded_at', { useTz: true }).notNullable();
      table.primary(['kind', 'item_id', 'student_id']);
      table.index(['course_id', 'kind']);
    });
    await db.schema.createTable('certificates', (table) => {
      table.uuid('certificate_id').primary();
      table.uuid('student_id').notNullable();
      table.uuid('course_id').notNullable();
      table.timestamp('issued_at', { useTz: true });
      table.timestamp('revoked_at', { useTz: true });
      table.index(['issued_at']);
      table.index(['course_id']);
    });
    await db.schema.createTable('orders', (table) => {
      table.uuid('order_id').primary();
      table.uuid('course_id').notNullable();
      table.uuid('instructor_id').notNullable();
      table.uuid('student_id').notNullable();
      table.bigInteger('amount_cents').notNullable();
      table.text('currency').notNullable();
      table.timestamp('paid_at', { useTz: true }).notNullable();
      table.index(['course_id', 'paid_at']);
      table.index(['paid_at']);
    });
    await db.schema.createTable('refunds', (table) => {
      table.uuid('refund_id').primary();
      table.uuid('order_id').notNullable();
      table.uuid('course_id').notNullable();
      table.uuid('instructor_id').notNullable();
      table.bigInteger('amount_cents').notNullable();
      table.text('currency').notNullable();
      table.timestamp('refunded_at', { useTz: true }).notNullable();
      table.index(['course_id', 'refunded_at']);
      table.index(['refunded_at']);
    });
    await db.schema.createTable('activity', (table) => {
      table.uuid('event_id').primary();
      table.uuid('user_id').notNullable();
      table.text('type').notNullable();
      table.uuid('course_id');
      /** What the event was about within the course (a lesson, quiz, assignment, certificate or order id). */
      table.uuid('subject_id');
      table.timestamp('occurred_at', { useTz: true }).notNullable();
      table.jsonb('details').notNullable().defaultTo('{}');
      table.index(['user_id', 'occurred_at']);
      table.index(['occurred_at']);
    });
    // People erased: their timeline is deleted, and an event of theirs read later (a rebuild reads
    // topics in any order) writes none.
    await db.schema.createTable('activity_erasures', (table) => {
      table.uuid('user_id').primary();
    });
    await db.schema.createTable('statements', (table) => {
      table.uuid('statement_id').primary();
      table.uuid('actor_id').notNullable();
      table.timestamp('sent_at', { useTz: true });
      table.index(['actor_id']);
    });
    await db.schema.createTable('statement_erasures', (table) => {
      table.uuid('actor_id').primary();
      table.timestamp('erased_at', { useTz: true }).notNullable();
    });
  },
  async down(db) {
    const tables = ['statement_erasures', 'statements', 'activity_erasures', 'activity', 'refunds', 'orders', 'certificates', 'grades', 'lesson_learners'];
    for (const table of [...tables, 'lesson_completions', 'enrollments', 'courses', 'users']) await db.schema.dropTable(table);
  },
};
