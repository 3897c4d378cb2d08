import type { Knex } from '@smartcourse/platform';

/** The advisory-lock space of this lock (the outbox's aggregate locks and the PDF lock use others). */
const ENROLLMENT_LOCK_SPACE = 0x5c_cf;

/**
 * Issuing an enrollment's certificate and handling that enrollment's refund exclude each other
 * until the transaction ends: otherwise each could miss the other's uncommitted row, and a
 * refunded enrollment keep a valid certificate.
 */
export async function lockEnrollmentCertificate(trx: Knex.Transaction, enrollmentId: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [ENROLLMENT_LOCK_SPACE, enrollmentId]);
}
