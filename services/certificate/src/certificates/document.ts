import { setTimeout as sleep } from 'node:timers/promises';
import { displayNameOf, unavailable, type Knex } from '@smartcourse/platform';
import { findCourse } from '../courses/store.js';
import { renderCertificatePdf } from '../document/pdf.js';
import type { FileStore } from '../document/files.js';
import type { Certificate } from './rules.js';
import { lockStudentPdfs } from './student-lock.js';
import { verificationUrlOf } from './views.js';

/** The names a certificate shows, from the replicas: an erased person's is null. */
export async function namesOf(db: Knex, certificate: Certificate) {
  const course = await findCourse(db, certificate.courseId);
  const [studentName, instructorName] = await Promise.all([displayNameOf(db, certificate.studentId), course ? displayNameOf(db, course.instructorId) : null]);
  return { studentName, courseTitle: course?.title ?? null, instructorName };
}

type Names = Awaited<ReturnType<typeof namesOf>>;

const sameNames = (a: Names, b: Names) => a.studentName === b.studentName && a.courseTitle === b.courseTitle && a.instructorName === b.instructorName;

export interface CertificatePdfDeps {
  db: Knex;
  files: FileStore;
  publicAppUrl: string;
  /** Fault tests only: how long a rendered PDF waits before it is kept (0 in any real run). */
  renderPauseMs: number;
}

function render(deps: CertificatePdfDeps, certificate: Certificate, names: Names): Promise<Buffer> {
  if (!names.courseTitle) {
    // The course's facts travel on another topic; they arrive, so this is a wait, not a failure.
    throw unavailable('The course of this certificate is not known here yet; retry shortly.');
  }
  return renderCertificatePdf({
    number: certificate.number,
    studentName: names.studentName,
    courseTitle: names.courseTitle,
    instructorName: names.instructorName,
    completedAt: certificate.completedAt,
    issuedAt: certificate.issuedAt,
    scorePercent: certificate.scorePercent,
    verificationUrl: verificationUrlOf(deps.publicAppUrl, certificate.verificationCode),
  });
}

/**
 * The certificate's PDF: from the files directory, else rendered from the replicas and kept.
 * An erasure deletes the file, so the next download renders one without the name. Rendering
 * takes a while, during which the student may be erased: the PDF is kept under the student's
 * lock (which the erasure takes too) and only if the names read again under it are the ones it
 * shows; else it is rendered again from them, so an erased name never lands in a kept file.
 */
export async function certificatePdf(deps: CertificatePdfDeps, certificate: Certificate): Promise<Buffer> {
  const kept = await deps.files.read(certificate.id);
  if (kept) return kept;
  const names = await namesOf(deps.db, certificate);
  const rendered = await render(deps, certificate, names);
  if (deps.renderPauseMs > 0) await sleep(deps.renderPauseMs);
  return deps.db.transaction(async (trx) => {
    await lockStudentPdfs(trx, certificate.studentId);
    const now = await namesOf(trx, certificate);
    const pdf = sameNames(now, names) ? rendered : await render(deps, certificate, now);
    await deps.files.write(certificate.id, pdf);
    return pdf;
  });
}
