import { certificateIdOf, type EnrollmentCompleted } from '@smartcourse/contracts';
import { appendToOutbox, causedBy, claimMessage, type ErasureFollowUp, type IncomingMessage, type Knex, type Logger } from '@smartcourse/platform';
import type { FileStore } from '../document/files.js';
import { issueCertificate } from './issue.js';
import { idsOfStudent } from './store.js';
import { lockStudentPdfs } from './student-lock.js';

const GROUP = 'certificate';

/** `enrollment.completed` issues the certificate: once, by the inbox and the unique key on the enrollment. */
export function completionHandler(db: Knex, onCommitted: () => void) {
  return async (message: IncomingMessage, log: Logger): Promise<void> => {
    const event = message.value as unknown as EnrollmentCompleted;
    const issued = await db.transaction(async (trx) => {
      if (!(await claimMessage(trx, GROUP, message.id))) return false;
      const records = await issueCertificate(
        trx,
        { enrollmentId: event.enrollmentId, studentId: event.studentId, courseId: event.courseId, completedAt: new Date(event.completedAt), scorePercent: event.scorePercent },
        causedBy(message.headers, event.eventId),
      );
      await appendToOutbox(trx, certificateIdOf(event.enrollmentId), records);
      return records.length > 0;
    });
    if (issued) {
      log.info({ enrollmentId: event.enrollmentId }, 'certificate issued');
      onCommitted();
    }
  };
}

/** An erased student's PDFs go with their name (a later download renders one without it), in the erasure's transaction. */
export function erasePdfs(files: FileStore): ErasureFollowUp {
  return async (trx, userId, log) => {
    // Waits for a PDF being kept right now, which is then deleted with the others.
    await lockStudentPdfs(trx, userId);
    const ids = await idsOfStudent(trx, userId);
    await Promise.all(ids.map((id) => files.remove(id)));
    if (ids.length > 0) log.info({ userId, certificates: ids.length }, 'certificate PDFs deleted');
  };
}
