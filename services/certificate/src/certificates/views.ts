import type { Certificate as CertificateView, Verification } from '@smartcourse/contracts';
import type { Certificate } from './rules.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The public page a verification code opens (printed on the PDF and in its QR code). */
export const verificationUrlOf = (publicAppUrl: string, code: string) => `${publicAppUrl.replace(/\/+$/, '')}/api/certificates/verify/${code}`;

export const certificateView = (certificate: Certificate, courseTitle: string | null, publicAppUrl: string): CertificateView => ({
  id: certificate.id,
  enrollmentId: certificate.enrollmentId,
  courseId: certificate.courseId,
  studentId: certificate.studentId,
  courseTitle,
  number: certificate.number,
  verificationCode: certificate.verificationCode,
  verificationUrl: verificationUrlOf(publicAppUrl, certificate.verificationCode),
  issuedAt: certificate.issuedAt.toISOString(),
  completedAt: certificate.completedAt.toISOString(),
  scorePercent: certificate.scorePercent,
  status: certificate.status,
  revokedAt: iso(certificate.revokedAt),
  reason: certificate.reason,
});

export const verificationView = (
  certificate: Certificate,
  names: { studentName: string | null; courseTitle: string | null; instructorName: string | null },
): Verification => ({
  status: certificate.status,
  number: certificate.number,
  ...names,
  issuedAt: certificate.issuedAt.toISOString(),
  completedAt: certificate.completedAt.toISOString(),
  revokedAt: iso(certificate.revokedAt),
  reason: certificate.reason,
});
