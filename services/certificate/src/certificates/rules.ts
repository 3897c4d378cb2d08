import { randomBytes } from 'node:crypto';
import { accept, reject, type Actor, type Decision } from '@smartcourse/platform';

export type CertificateStatus = 'valid' | 'revoked';

export interface Certificate {
  id: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  /** The value of the number sequence: the number's digits, and the certificate's index in the status list. */
  sequence: number;
  number: string;
  verificationCode: string;
  completedAt: Date;
  scorePercent: number | null;
  issuedAt: Date;
  status: CertificateStatus;
  revokedAt: Date | null;
  reason: string | null;
}

/** What the enrollment-progress service states of a completed enrollment. */
export interface Completion {
  enrollmentId: string;
  studentId: string;
  courseId: string;
  completedAt: Date;
  scorePercent: number | null;
}

/** `SC-<year>-<6 digits>`: readable, unique across the platform (the digits come from one sequence). */
export const numberOf = (sequence: number, issuedAt: Date): string => `SC-${issuedAt.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;

/** 144 random bits, URL-safe: 24 characters, unguessable. */
export const newVerificationCode = (): string => randomBytes(18).toString('base64url');

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** A certificate is its student's and the admins'; to anyone else it does not exist. */
export const mayRead = (certificate: Pick<Certificate, 'studentId'>, actor: Actor): boolean => isAdmin(actor) || certificate.studentId === actor.userId;

/**
 * Issue now, on the student's (or an admin's) request: nothing to do when the certificate exists
 * (the event or an earlier request issued it), else a new one.
 */
export function decideIssue(existing: Certificate | undefined, command: { actor: Actor; studentId: string }): Decision<null> {
  if (!isAdmin(command.actor) && command.actor.userId !== command.studentId) return reject('ENROLLMENT_NOT_FOUND', 'No such enrollment.');
  return existing ? { kind: 'unchanged' } : accept(null);
}

/** Revocation: admins only, once (it is final). */
export function decideRevoke(certificate: Certificate | undefined, actor: Actor): Decision<null> {
  if (!isAdmin(actor)) return reject('FORBIDDEN', 'Only admins revoke certificates.');
  if (!certificate) return reject('CERTIFICATE_NOT_FOUND', 'No such certificate.');
  if (certificate.status === 'revoked')
    return reject('CERTIFICATE_ALREADY_REVOKED', 'The certificate was revoked already.', { revokedAt: certificate.revokedAt?.toISOString() });
  return accept(null);
}
