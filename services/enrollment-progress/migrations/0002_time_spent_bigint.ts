import type { Migration } from '@smartcourse/platform';

/**
 * Time spent as bigint, never negative: an `integer` total overflowed after enough visits, and
 * from then on every visit of that enrollment failed. Visits are now also bounded by the clock
 * (docs/learning-rules.md), so the total cannot outgrow the time since enrolling.
 */
export const timeSpentBigint: Migration = {
  name: '0002_time_spent_bigint',
  async up(db) {
    await db.raw('alter table enrollments alter column time_spent_seconds type bigint');
    await db.raw('alter table enrollments add constraint enrollments_time_spent_check check (time_spent_seconds >= 0)');
  },
  async down(db) {
    await db.raw('alter table enrollments drop constraint enrollments_time_spent_check');
    await db.raw('alter table enrollments alter column time_spent_seconds type integer');
  },
};
