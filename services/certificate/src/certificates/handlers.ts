import type { EventHandler } from '@smartcourse/platform';
import type { FileStore } from '../document/files.js';
import { issueCertificate } from './issue.js';
import { idsOfStudent } from './store.js';
import { lockStudentPdfs } from './student-lock.js';

/** `enrollment.completed` issues the certificate: once, by the inbox and the unique key on the enrollment. */
export const issueOnCompletion: EventHandler<'enrollment.completed'> = async (event, { trx, emit, context, log }) => {
  const completion = {
    enrollmentId: event.enrollmentId,
    studentId: event.studentId,
    courseId: event.courseId,
    completedAt: new Date(event.completedAt),
    scorePercent: event.scorePercent,
  };
  const records = await issueCertificate(trx, completion, context);
  emit(...records);
  if (records.length > 0) log.info({ enrollmentId: event.enrollmentId }, 'certificate issued');
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
