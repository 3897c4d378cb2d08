import { z } from 'zod';
import { trimmedText } from './text.js';
import { PageMeta } from './admin.js';

/** Request and response bodies of the certificate routes, shared by the gateway and the certificate service. */

export const certificateStatuses = ['valid', 'revoked'] as const;
export const CertificateStatus = z.enum(certificateStatuses);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

export const CertificateParams = z.strictObject({ certificateId: z.uuid() });
export type CertificateParams = z.infer<typeof CertificateParams>;

/** A verification code: 24 URL-safe characters (144 random bits). */
export const VerificationParams = z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{24}$/, 'a verification code is 24 URL-safe characters') });
export type VerificationParams = z.infer<typeof VerificationParams>;

export const RevokeRequest = z.strictObject({ reason: trimmedText(1, 500) });
export type RevokeRequest = z.infer<typeof RevokeRequest>;

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(100).default(20);
export const CertificateListQuery = z.strictObject({ page, per_page: perPage });
export type CertificateListQuery = z.infer<typeof CertificateListQuery>;

/** A certificate as its student and admins see it (the code and URL are theirs to share). */
export const Certificate = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  courseId: z.uuid(),
  studentId: z.uuid(),
  courseTitle: z.string().nullable(),
  number: z.string(),
  verificationCode: z.string(),
  verificationUrl: z.url(),
  issuedAt: z.string(),
  completedAt: z.string(),
  scorePercent: z.number().nullable(),
  status: CertificateStatus,
  revokedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Certificate = z.infer<typeof Certificate>;
export const CertificateList = z.object({ data: z.array(Certificate), meta: PageMeta });

/** What anyone holding the code sees: a revoked certificate answers as such, never 404. */
export const Verification = z.object({
  status: CertificateStatus,
  number: z.string(),
  studentName: z.string().nullable(),
  courseTitle: z.string().nullable(),
  instructorName: z.string().nullable(),
  issuedAt: z.string(),
  completedAt: z.string(),
  revokedAt: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Verification = z.infer<typeof Verification>;

/** An Open Badges 3.0 credential as its holder gets it: the compact VC-JWT and the credential it signs. */
export const SignedCredential = z.object({
  format: z.literal('vc+jwt'),
  jwt: z.string(),
  credential: z.record(z.string(), z.unknown()),
});
export type SignedCredential = z.infer<typeof SignedCredential>;

/** A JWK Set (RFC 7517) of public keys. */
export const JwkSet = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
