import type { EventHandler } from '@smartcourse/platform';
import type { FileStore } from '../document/files.js';
import { lockEnrollmentCertificate } from './enrollment-lock.js';
import { revokedEvent } from './events.js';
import { issueCertificate } from './issue.js';
import { keepRefund } from './refunds.js';
import { decideRevokeOnRefund, refundReason } from './rules.js';
import { findByEnrollment, idsOfStudent, markRevoked } from './store.js';
import { lockStudentPdfs } from './student-lock.js';

/**
 * `enrollment.completed` issues the certificate: once, by the inbox and the unique key on the
 * enrollment; not when the enrollment's refund, of a later version, was handled first.
 */
export const issueOnCompletion: EventHandler<'enrollment.completed'> = async (event, { trx, emit, context, log }) => {
  const completion = {
    enrollmentId: event.enrollmentId,
    studentId: event.studentId,
    courseId: event.courseId,
    completedAt: new Date(event.completedAt),
    scorePercent: event.scorePercent,
    version: event.version,
  };
  const records = await issueCertificate(trx, completion, context);
  emit(...records);
  if (records.length > 0) log.info({ enrollmentId: event.enrollmentId }, 'certificate issued');
};

/**
 * `enrollment.refunded` revokes the enrollment's certificate, if one was issued, with the reason
 * `refunded` and one `certificate.revoked` (the inbox, and a revoked certificate stays as it is).
 * The refund is kept either way, so a completion handled after it issues nothing.
 */
export const revokeOnRefund: EventHandler<'enrollment.refunded'> = async (event, { trx, emit, context, log }) => {
  await lockEnrollmentCertificate(trx, event.enrollmentId);
  await keepRefund(trx, { enrollmentId: event.enrollmentId, version: event.version, orderId: event.orderId, refundedAt: new Date(event.refundedAt) });
  const certificate = await findByEnrollment(trx, event.enrollmentId);
  if (decideRevokeOnRefund(certificate).kind !== 'accepted' || !certificate) return;
  const revoked = await markRevoked(trx, certificate.id, refundReason, new Date());
  emit(revokedEvent(revoked, context));
  log.info({ enrollmentId: event.enrollmentId, certificateId: certificate.id }, 'certificate revoked: enrollment refunded');
};

/** An erased student's PDFs go with their name (a later download renders one without it), in the erasure's transaction. */
export function erasePdfs(files: FileStore): EventHandler<'user.erased'> {
  return async (event, { trx, log }) => {
    // Waits for a PDF being kept right now, which is then deleted with the others.
    await lockStudentPdfs(trx, event.userId);
    const ids = await idsOfStudent(trx, event.userId);
    await Promise.all(ids.map((id) => files.remove(id)));
    if (ids.length > 0) log.info({ userId: event.userId, certificates: ids.length }, 'certificate PDFs deleted');
  };
}
