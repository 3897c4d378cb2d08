import { certificateIdOf, type IssueCertificate, type RevokeCertificate } from '@smartcourse/contracts';
import { commandHandler, type Pipeline } from '@smartcourse/platform';
import { lockEnrollmentCertificate } from './enrollment-lock.js';
import { revokedEvent } from './events.js';
import { issueCertificate } from './issue.js';
import { findRefund } from './refunds.js';
import { decideIssue, decideRevoke, type Certificate, type Refund } from './rules.js';
import { findByEnrollment, findCertificate, markRevoked } from './store.js';

/**
 * Issue now: the gateway asked enrollment-progress (the owner) that the enrollment is completed
 * and sends its completion facts; an existing certificate is the answer as it is.
 */
export const issueHandler = (pipeline: Pipeline) =>
  commandHandler<IssueCertificate, { existing: Certificate | undefined; refund: Refund | undefined }, null>(pipeline, {
    commandType: 'IssueCertificate',
    aggregateId: (command) => certificateIdOf(command.enrollmentId),
    async load(trx, command) {
      await lockEnrollmentCertificate(trx, command.enrollmentId);
      return { existing: await findByEnrollment(trx, command.enrollmentId), refund: await findRefund(trx, command.enrollmentId) };
    },
    decide: (state, command) => decideIssue(state ?? { existing: undefined, refund: undefined }, command),
    apply: (trx, { command, context }) =>
      issueCertificate(
        trx,
        {
          enrollmentId: command.enrollmentId,
          studentId: command.studentId,
          courseId: command.courseId,
          completedAt: new Date(command.completedAt),
          scorePercent: command.scorePercent,
          version: null,
        },
        context,
      ),
  });

export const revokeHandler = (pipeline: Pipeline) =>
  commandHandler<RevokeCertificate, Certificate, null>(pipeline, {
    commandType: 'RevokeCertificate',
    aggregateId: (command) => command.certificateId,
    load: (trx, command) => findCertificate(trx, command.certificateId, { forUpdate: true }),
    decide: (certificate, command) => decideRevoke(certificate, command.actor),
    async apply(trx, { command, context }) {
      const revoked = await markRevoked(trx, command.certificateId, command.reason, new Date());
      return [revokedEvent(revoked, context)];
    },
  });
