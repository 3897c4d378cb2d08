import { randomUUID } from 'node:crypto';
import { eventRecord, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { Certificate } from './rules.js';

const SERVICE = 'certificate';

/** `certificate.issued`: ids, the number and the date; never a name or the verification code. */
export function issuedEvent(certificate: Certificate, context: MessageContext): OutgoingRecord {
  return eventRecord(
    'certificate.issued',
    {
      eventId: randomUUID(),
      occurredAt: certificate.issuedAt.getTime(),
      certificateId: certificate.id,
      enrollmentId: certificate.enrollmentId,
      studentId: certificate.studentId,
      courseId: certificate.courseId,
      number: certificate.number,
      issuedAt: certificate.issuedAt.getTime(),
    },
    { service: SERVICE, key: certificate.id, context },
  );
}

export function revokedEvent(certificate: Certificate, context: MessageContext): OutgoingRecord {
  const revokedAt = certificate.revokedAt ?? new Date();
  return eventRecord(
    'certificate.revoked',
    {
      eventId: randomUUID(),
      occurredAt: revokedAt.getTime(),
      certificateId: certificate.id,
      studentId: certificate.studentId,
      courseId: certificate.courseId,
      reason: certificate.reason ?? '',
      revokedAt: revokedAt.getTime(),
    },
    { service: SERVICE, key: certificate.id, context },
  );
}
