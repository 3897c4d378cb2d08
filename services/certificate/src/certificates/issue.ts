import { certificateIdOf } from '@smartcourse/contracts';
import type { Knex, MessageContext, OutgoingRecord } from '@smartcourse/platform';
import { issuedEvent } from './events.js';
import type { Completion } from './rules.js';
import { findByEnrollment, insertCertificate } from './store.js';

/**
 * Issues the enrollment's certificate unless it has one, and answers the event to publish with
 * it (none when it existed). The one way in for `enrollment.completed` and for a request to issue
 * now: the unique key on the enrollment makes the later of two racing callers a no-op.
 */
export async function issueCertificate(trx: Knex.Transaction, completion: Completion, context: MessageContext): Promise<OutgoingRecord[]> {
  // Looked up first so a redelivered event does not take a number from the sequence.
  if (await findByEnrollment(trx, completion.enrollmentId)) return [];
  const issued = await insertCertificate(trx, certificateIdOf(completion.enrollmentId), completion, new Date());
  return issued ? [issuedEvent(issued, context)] : [];
}
