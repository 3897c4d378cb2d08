import { certificateIdOf } from '@smartcourse/contracts';
import type { Knex, MessageContext, OutgoingRecord } from '@smartcourse/platform';
import { lockEnrollmentCertificate } from './enrollment-lock.js';
import { issuedEvent } from './events.js';
import { findRefund } from './refunds.js';
import { completionOutlivesRefund, type Completion } from './rules.js';
import { findByEnrollment, insertCertificate } from './store.js';

/**
 * Issues the enrollment's certificate unless it has one or the enrollment was refunded after this
 * completion, and answers the event to publish with it (none otherwise). The one way in for
 * `enrollment.completed` and for a request to issue now: the unique key on the enrollment makes
 * the later of two racing callers a no-op, and the enrollment's lock orders it with a refund.
 */
export async function issueCertificate(trx: Knex.Transaction, completion: Completion, context: MessageContext): Promise<OutgoingRecord[]> {
  await lockEnrollmentCertificate(trx, completion.enrollmentId);
  // Looked up first so a redelivered event does not take a number from the sequence.
  if (await findByEnrollment(trx, completion.enrollmentId)) return [];
  if (!completionOutlivesRefund(await findRefund(trx, completion.enrollmentId), completion.version)) return [];
  const issued = await insertCertificate(trx, certificateIdOf(completion.enrollmentId), completion, new Date());
  return issued ? [issuedEvent(issued, context)] : [];
}
