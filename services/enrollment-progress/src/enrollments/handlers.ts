import { appendToOutbox, type Knex, type MessageContext } from '@smartcourse/platform';
import { lockEnrollmentKey } from '../locks.js';
import { catchUp } from './progress.js';
import { courseEnrollmentsForUpdate, findEnrollment } from './store.js';

/**
 * A newer structure of the course (its lock held exclusively by the caller): every enrollment's
 * figures are recomputed, recorded quiz passes of new quiz lessons count, and an active
 * enrollment whose required lessons are now all complete completes. Completed stays completed.
 */
export async function recomputeCourse(trx: Knex.Transaction, courseId: string, context: MessageContext): Promise<void> {
  for (const enrollment of await courseEnrollmentsForUpdate(trx, courseId)) {
    await appendToOutbox(trx, enrollment.id, await catchUp(trx, enrollment, context));
  }
}

/** A newly kept quiz grade (the course lock held shared by the caller): the enrollment, if it exists yet, catches up. */
export async function applyGrade(trx: Knex.Transaction, enrollmentId: string, context: MessageContext): Promise<void> {
  await lockEnrollmentKey(trx, enrollmentId);
  const enrollment = await findEnrollment(trx, enrollmentId, { forUpdate: true });
  if (enrollment) await appendToOutbox(trx, enrollment.id, await catchUp(trx, enrollment, context));
}
