import { onBatch, type BatchEventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { statusAfter, type EnrollmentTopic } from './rules.js';
import { applyFacts } from './store.js';

/**
 * Keeps the replica of enrollments, the consecutive events of a partition in one statement: every
 * enrollment event carries the enrollment's version, and the highest wins, so redeliveries and
 * replays change nothing (no inbox needed).
 */
function keepEnrollments(topic: EnrollmentTopic): BatchEventHandler<EnrollmentTopic, ReplicaContext> {
  return async (events, { trx, log }) => {
    const facts = events.map((event) => ({
      id: event.enrollmentId,
      studentId: event.studentId,
      courseId: event.courseId,
      status: statusAfter[topic],
      version: event.version,
    }));
    const applied = await applyFacts(trx, facts);
    if (applied < facts.length) log.debug({ topic, facts: facts.length, applied }, 'older or repeated enrollment facts ignored');
  };
}

/** The enrollment replica, declared once for the live service and `sc rebuild`. */
export const enrollmentReplica: Replica = {
  name: 'enrollments',
  description: "Enrollments' status and version, from the enrollment topics (the highest version wins).",
  // updated_at is when this replica wrote the row, not a fact of the enrollment
  tables: [{ name: 'enrollments', key: ['id'], ignore: ['updated_at'] }],
  listeners: (Object.keys(statusAfter) as EnrollmentTopic[]).map((topic) => onBatch(topic, keepEnrollments(topic))),
};
