import type { Migration } from '@smartcourse/platform';

/**
 * An attempt's status (open, submitted, or expired: closed with score 0 after its deadline and
 * grace), and the pass mark it started with, so a quiz replaced later does not change its verdict.
 * At most one open attempt per student and quiz, whatever the races.
 */
export const attemptStatus: Migration = {
  name: '0004_attempt_status',
  async up(db) {
    await db.schema.alterTable('quiz_attempts', (table) => {
      table.text('status').notNullable().defaultTo('open');
      table.integer('pass_mark_percent');
    });
    await db.raw(`update quiz_attempts set status = 'submitted' where submitted_at is not null`);
    await db.raw(`update quiz_attempts set pass_mark_percent = quizzes.pass_mark_percent from quizzes where quizzes.id = quiz_attempts.quiz_id`);
    await db.raw(`alter table quiz_attempts alter column pass_mark_percent set not null`);
    await db.raw(`alter table quiz_attempts add constraint quiz_attempts_status_check check (status in ('open', 'submitted', 'expired'))`);
    await db.raw(`create unique index quiz_attempts_one_open on quiz_attempts (quiz_id, student_id) where status = 'open'`);
  },
  async down(db) {
    // The index and the check go with the column.
    await db.schema.alterTable('quiz_attempts', (table) => {
      table.dropColumn('status');
      table.dropColumn('pass_mark_percent');
    });
  },
};
