import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { certificateIdOf } from '@smartcourse/contracts';
import { closeKafka } from '../../../test/support/kafka.js';
import { startCertificateService } from './in-process.js';

let cert: Awaited<ReturnType<typeof startCertificateService>>;

// The relay is off: the outbox rows are what the tests read, nothing reaches the shared topics.
beforeAll(async () => {
  cert = await startCertificateService({ OUTBOX_RELAY_ENABLED: false });
}, 60_000);
afterAll(async () => {
  await cert?.service.stop();
  await closeKafka();
});

/** A student's enrollment in a course, and its events at the given versions. */
function enrollment() {
  const ids = { enrollmentId: randomUUID(), studentId: randomUUID(), courseId: randomUUID() };
  return {
    ...ids,
    certificateId: certificateIdOf(ids.enrollmentId),
    completed: (version: number) => cert.enrollmentMessage('enrollment.completed', { ...ids, version, completedAt: Date.now(), scorePercent: 90 }),
    refunded: (version: number) => cert.enrollmentMessage('enrollment.refunded', { ...ids, version, orderId: randomUUID(), refundedAt: Date.now() }),
  };
}
const certificateOf = (enrollmentId: string) => cert.db('certificates').where({ enrollment_id: enrollmentId }).first();

describe('refunds', () => {
  it('enrollment.refunded revokes the issued certificate with the reason refunded, once under redelivery', async () => {
    const given = enrollment();
    await cert.deliver(given.completed(3));
    expect(await certificateOf(given.enrollmentId)).toMatchObject({ status: 'valid' });
    const refunded = given.refunded(4);
    await cert.deliver(refunded);
    await cert.deliver(refunded);
    expect(await certificateOf(given.enrollmentId)).toMatchObject({ status: 'revoked', revoke_reason: 'refunded' });
    expect(await cert.outbox('certificate.revoked', given.certificateId)).toEqual([
      expect.objectContaining({ certificateId: given.certificateId, studentId: given.studentId, courseId: given.courseId, reason: 'refunded' }),
    ]);
  });

  it('a second refund of a revoked certificate publishes nothing more', async () => {
    const given = enrollment();
    await cert.deliver(given.completed(3));
    await cert.deliver(given.refunded(4));
    await cert.deliver(given.refunded(8));
    expect(await cert.outbox('certificate.revoked', given.certificateId)).toHaveLength(1);
  });

  it('a completion handled after the refund that followed it issues no certificate', async () => {
    const given = enrollment();
    await cert.deliver(given.refunded(4));
    await cert.deliver(given.completed(3));
    expect(await certificateOf(given.enrollmentId)).toBeUndefined();
    expect(await cert.outbox('certificate.issued', given.certificateId)).toEqual([]);
  });

  it('a completion after the course was bought again issues the certificate', async () => {
    const given = enrollment();
    await cert.deliver(given.refunded(4));
    await cert.deliver(given.completed(6));
    expect(await certificateOf(given.enrollmentId)).toMatchObject({ status: 'valid' });
    expect(await cert.outbox('certificate.issued', given.certificateId)).toHaveLength(1);
  });

  it('a request to issue now for a refunded enrollment is refused', async () => {
    const given = enrollment();
    await cert.deliver(given.refunded(4));
    const result = await cert.command(
      'smartcourse.commands.certificate.IssueCertificate',
      { userId: given.studentId, role: 'student' },
      {
        enrollmentId: given.enrollmentId,
        studentId: given.studentId,
        courseId: given.courseId,
        completedAt: Date.now(),
        scorePercent: null,
      },
    );
    expect(result).toMatchObject({ status: 'failed', errorCode: 'ENROLLMENT_NOT_COMPLETED' });
    expect(await certificateOf(given.enrollmentId)).toBeUndefined();
  });
});
