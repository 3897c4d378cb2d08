import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { statusAfter, type EnrollmentTopic } from './rules.js';
import { applyFact } from './store.js';

/**
 * Keeps the replica of enrollments: every enrollment event carries the enrollment's version,
 * and the highest wins, so redeliveries and replays change nothing (no inbox needed).
 */
function keepEnrollment(topic: EnrollmentTopic): EventHandler<EnrollmentTopic, ReplicaContext> {
  return async (event, { trx, log }) => {
    const applied = await applyFact(trx, { id: event.enrollmentId, studentId: event.studentId, courseId: event.courseId, status: statusAfter[topic], version: event.version });
    if (!applied) log.debug({ enrollmentId: event.enrollmentId, version: event.version, topic }, 'older enrollment fact ignored');
  };
}

/** The enrollment replica, declared once for the live service and `sc rebuild`. */
export const enrollmentReplica: Replica = {
  name: 'enrollments',
  description: "Enrollments' status and version, from the enrollment topics (the highest version wins).",
  // updated_at is when this replica wrote the row, not a fact of the enrollment
  tables: [{ name: 'enrollments', key: ['id'], ignore: ['updated_at'] }],
  listeners: (Object.keys(statusAfter) as EnrollmentTopic[]).map((topic) => on(topic, keepEnrollment(topic))),
};
