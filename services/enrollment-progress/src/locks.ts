import type { Knex } from '@smartcourse/platform';

/**
 * Transaction-scoped advisory locks. A structure change takes its course exclusively; every
 * change of one enrollment takes the course shared, then the enrollment — always in this order,
 * so two handlers never wait on each other crosswise. The enrollment lock exists before its row
 * does: an enrollment being created and a quiz grade of the same student and course serialise.
 */
export async function lockCourseShared(trx: Knex.Transaction, courseId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock_shared(hashtextextended(?, 0))', [`course:${courseId}`]);
}

export async function lockCourseExclusive(trx: Knex.Transaction, courseId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`course:${courseId}`]);
}

export async function lockEnrollmentKey(trx: Knex.Transaction, enrollmentId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`enrollment:${enrollmentId}`]);
}
