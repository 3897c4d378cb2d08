import { describe, expect, it } from '@jest/globals';
import {
  completionOutlivesRefund,
  decideIssue,
  decideRevoke,
  decideRevokeOnRefund,
  mayRead,
  newVerificationCode,
  numberOf,
  type Certificate,
} from './rules.js';

const student = { userId: 'student', role: 'student' };
const other = { userId: 'other', role: 'student' };
const admin = { userId: 'admin', role: 'admin' };
const certificate = (status: Certificate['status']): Certificate => ({
  id: 'c',
  enrollmentId: 'e',
  studentId: 'student',
  courseId: 'course',
  sequence: 123,
  number: 'SC-2026-000123',
  verificationCode: 'x'.repeat(24),
  completedAt: new Date(0),
  scorePercent: null,
  issuedAt: new Date(0),
  status,
  revokedAt: status === 'revoked' ? new Date(0) : null,
  reason: status === 'revoked' ? 'copied' : null,
});
const code = (decision: { kind: string; rejection?: { code: string } }) => decision.rejection?.code ?? decision.kind;

describe('numbers and codes', () => {
  it('numbers SC-<year>-<6 digits> from the sequence, in UTC, growing past a million', () => {
    expect(numberOf(123, new Date('2026-12-31T23:30:00Z'))).toBe('SC-2026-000123');
    expect(numberOf(1, new Date('2027-01-01T00:00:00Z'))).toBe('SC-2027-000001');
    expect(numberOf(1_234_567, new Date('2026-06-01Z'))).toBe('SC-2026-1234567');
  });

  it('makes URL-safe codes of 144 random bits, never the same twice', () => {
    const codes = Array.from({ length: 1000 }, newVerificationCode);
    for (const value of codes) expect(value).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set(codes).size).toBe(1000);
  });
});

describe('issue', () => {
  it('issues for the student or an admin, answers an existing certificate unchanged, and hides the enrollment from others', () => {
    const none = { existing: undefined, refund: undefined };
    expect(decideIssue(none, { actor: student, studentId: 'student' })).toEqual({ kind: 'accepted', change: null });
    expect(decideIssue(none, { actor: admin, studentId: 'student' })).toEqual({ kind: 'accepted', change: null });
    expect(code(decideIssue({ existing: certificate('valid'), refund: undefined }, { actor: student, studentId: 'student' }))).toBe('unchanged');
    expect(code(decideIssue(none, { actor: other, studentId: 'student' }))).toBe('ENROLLMENT_NOT_FOUND');
  });

  it('refuses to issue now for a refunded enrollment, and answers a certificate it already has', () => {
    expect(code(decideIssue({ existing: undefined, refund: { version: 5 } }, { actor: student, studentId: 'student' }))).toBe('ENROLLMENT_NOT_COMPLETED');
    expect(code(decideIssue({ existing: certificate('revoked'), refund: { version: 5 } }, { actor: student, studentId: 'student' }))).toBe('unchanged');
  });

  it('lets a completion issue unless the enrollment was refunded after it', () => {
    expect(completionOutlivesRefund(undefined, 4)).toBe(true);
    expect(completionOutlivesRefund(undefined, null)).toBe(true);
    expect(completionOutlivesRefund({ version: 5 }, 4)).toBe(false);
    expect(completionOutlivesRefund({ version: 5 }, 7)).toBe(true);
    expect(completionOutlivesRefund({ version: 5 }, null)).toBe(false);
  });
});

describe('revoke on refund', () => {
  it('revokes a valid certificate; none, or a revoked one, stays as it is', () => {
    expect(decideRevokeOnRefund(certificate('valid'))).toEqual({ kind: 'accepted', change: null });
    expect(code(decideRevokeOnRefund(certificate('revoked')))).toBe('unchanged');
    expect(code(decideRevokeOnRefund(undefined))).toBe('unchanged');
  });
});

describe('revoke', () => {
  it('is for admins, once', () => {
    expect(decideRevoke(certificate('valid'), admin)).toEqual({ kind: 'accepted', change: null });
    expect(code(decideRevoke(certificate('valid'), student))).toBe('FORBIDDEN');
    expect(code(decideRevoke(undefined, admin))).toBe('CERTIFICATE_NOT_FOUND');
    expect(code(decideRevoke(certificate('revoked'), admin))).toBe('CERTIFICATE_ALREADY_REVOKED');
  });
});

describe('reading', () => {
  it('shows a certificate to its student and admins only', () => {
    expect(mayRead(certificate('valid'), student)).toBe(true);
    expect(mayRead(certificate('valid'), admin)).toBe(true);
    expect(mayRead(certificate('valid'), other)).toBe(false);
  });
});
