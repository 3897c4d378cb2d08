import { displayNameOf, unavailable, type Knex } from '@smartcourse/platform';
import { courseOf } from '../courses/lookup.js';
import { renderCertificatePdf } from '../document/pdf.js';
import type { FileStore } from '../document/files.js';
import type { Certificate } from './rules.js';
import { verificationUrlOf } from './views.js';

/** The names a certificate shows, from the replicas: an erased person's is null. */
export async function namesOf(db: Knex, certificate: Certificate) {
  const course = await courseOf(db, certificate.courseId);
  const [studentName, instructorName] = await Promise.all([displayNameOf(db, certificate.studentId), course ? displayNameOf(db, course.instructorId) : null]);
  return { studentName, courseTitle: course?.title ?? null, instructorName };
}

/**
 * The certificate's PDF: from the files directory, else rendered from the replicas and kept.
 * An erasure deletes the file, so the next download renders one without the name.
 */
export async function certificatePdf(deps: { db: Knex; files: FileStore; publicAppUrl: string }, certificate: Certificate): Promise<Buffer> {
  const kept = await deps.files.read(certificate.id);
  if (kept) return kept;
  const names = await namesOf(deps.db, certificate);
  if (!names.courseTitle) {
    // The course's facts travel on another topic; they arrive, so this is a wait, not a failure.
    throw unavailable('The course of this certificate is not known here yet; retry shortly.');
  }
  const pdf = await renderCertificatePdf({
    number: certificate.number,
    studentName: names.studentName,
    courseTitle: names.courseTitle,
    instructorName: names.instructorName,
    completedAt: certificate.completedAt,
    issuedAt: certificate.issuedAt,
    scorePercent: certificate.scorePercent,
    verificationUrl: verificationUrlOf(deps.publicAppUrl, certificate.verificationCode),
  });
  await deps.files.write(certificate.id, pdf);
  return pdf;
}
