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
  /** The enrollment's version at the completion (the event's); null for a request to issue now, which has none. */
  version: number | null;
}

/** An enrollment's refund as this service keeps it: the enrollment's version at the refund. */
export interface Refund {
  version: number;
}

/** The reason a certificate revoked because its enrollment was refunded carries. */
export const refundReason = 'refunded';

/**
 * A completion issues a certificate unless the enrollment was refunded after it, whatever order
 * the two events are handled in: a completion of a higher version than the refund's (the course
 * bought again and completed again) still does; a request to issue now, which carries no version,
 * does not while a refund is kept, and leaves it to that completion's event.
 */
export const completionOutlivesRefund = (refund: Refund | undefined, completionVersion: number | null): boolean =>
  !refund || (completionVersion !== null && completionVersion > refund.version);

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
export function decideIssue(
  state: { existing: Certificate | undefined; refund: Refund | undefined },
  command: { actor: Actor; studentId: string },
): Decision<null> {
  if (!isAdmin(command.actor) && command.actor.userId !== command.studentId) return reject('ENROLLMENT_NOT_FOUND', 'No such enrollment.');
  if (state.existing) return { kind: 'unchanged' };
  if (!completionOutlivesRefund(state.refund, null)) return reject('ENROLLMENT_NOT_COMPLETED', 'The enrollment was refunded.');
  return accept(null);
}

/** A refund revokes the enrollment's valid certificate, with the reason `refunded`; none, or a revoked one, stays as it is. */
export function decideRevokeOnRefund(certificate: Certificate | undefined): Decision<null> {
  if (!certificate || certificate.status === 'revoked') return { kind: 'unchanged' };
  return accept(null);
}

/** Revocation: admins only, once (it is final). */
export function decideRevoke(certificate: Certificate | undefined, actor: Actor): Decision<null> {
  if (!isAdmin(actor)) return reject('FORBIDDEN', 'Only admins revoke certificates.');
  if (!certificate) return reject('CERTIFICATE_NOT_FOUND', 'No such certificate.');
  if (certificate.status === 'revoked')
    return reject('CERTIFICATE_ALREADY_REVOKED', 'The certificate was revoked already.', { revokedAt: certificate.revokedAt?.toISOString() });
  return accept(null);
}
