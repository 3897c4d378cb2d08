import { certificateIdOf, type IssueCertificate, type RevokeCertificate } from '@smartcourse/contracts';
import { commandHandler, type Pipeline } from '@smartcourse/platform';
import { revokedEvent } from './events.js';
import { issueCertificate } from './issue.js';
import { decideIssue, decideRevoke, type Certificate } from './rules.js';
import { findByEnrollment, findCertificate, markRevoked } from './store.js';

/**
 * Issue now: the gateway asked enrollment-progress (the owner) that the enrollment is completed
 * and sends its completion facts; an existing certificate is the answer as it is.
 */
export const issueHandler = (pipeline: Pipeline) =>
  commandHandler<IssueCertificate, Certificate, null>(pipeline, {
    commandType: 'IssueCertificate',
    aggregateId: (command) => certificateIdOf(command.enrollmentId),
    load: (trx, command) => findByEnrollment(trx, command.enrollmentId),
    decide: (existing, command) => decideIssue(existing, command),
    apply: (trx, { command, context }) =>
      issueCertificate(
        trx,
        {
          enrollmentId: command.enrollmentId,
          studentId: command.studentId,
          courseId: command.courseId,
          completedAt: new Date(command.completedAt),
          scorePercent: command.scorePercent,
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
