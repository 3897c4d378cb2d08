import type { EventHandler } from '@smartcourse/platform';
import { structureReplacedNow } from '../courses/store.js';
import { lockEnrollmentKey } from '../locks.js';
import type { GradeFollowUp } from '../progress/handlers.js';
import { catchUp } from './progress.js';
import { courseEnrollmentsForUpdate, findEnrollment } from './store.js';

/**
 * After the replica kept a newer structure (its course locked exclusively): every enrollment's
 * figures are recomputed, recorded quiz passes of new quiz lessons count, and an active
 * enrollment whose required lessons are now all complete completes. Completed stays completed.
 */
export const recomputeOnNewStructure: EventHandler<'course.structure_changed'> = async (event, { trx, emit, context }) => {
  if (!(await structureReplacedNow(trx, event.courseId, event.structureVersion))) return;
  for (const enrollment of await courseEnrollmentsForUpdate(trx, event.courseId)) emit(...(await catchUp(trx, enrollment, context)));
};

/** A newly kept quiz grade (the course lock held shared): the enrollment, if it exists yet, catches up. */
export const catchUpOnGrade: GradeFollowUp = async (enrollmentId, { trx, emit, context }) => {
  await lockEnrollmentKey(trx, enrollmentId);
  const enrollment = await findEnrollment(trx, enrollmentId, { forUpdate: true });
  if (enrollment) emit(...(await catchUp(trx, enrollment, context)));
};

/**
 * Nothing personal is kept here: enrollments, grades and replicas hold ids and figures only, and
 * an erased student's enrollments keep them (DOMAIN §1). The listener stays so the topology's
 * promise is checked, and the log shows the erasure reached this service.
 */
export const noteErasure: EventHandler<'user.erased'> = async (event, { log }) => {
  log.info({ userId: event.userId }, 'user erased: nothing personal stored here');
};
