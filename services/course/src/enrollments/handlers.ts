import type { TopicRecords } from '@smartcourse/contracts';
import type { IncomingMessage, Knex, Logger, Replica, Subscription } from '@smartcourse/platform';
import { statusAfter, type EnrollmentTopic } from './rules.js';
import { applyFact } from './store.js';

type EnrollmentEvent = TopicRecords[EnrollmentTopic];

/**
 * Keeps the replica of enrollments: every enrollment event carries the enrollment's version,
 * and the highest wins, so redeliveries and replays change nothing (no inbox needed).
 */
export function enrollmentHandler(db: Knex, topic: EnrollmentTopic) {
  return async (message: IncomingMessage, log: Logger): Promise<void> => {
    const event = message.value as unknown as EnrollmentEvent;
    const applied = await applyFact(db, {
      id: event.enrollmentId,
      studentId: event.studentId,
      courseId: event.courseId,
      status: statusAfter[topic],
      version: event.version,
    });
    if (!applied) log.debug({ enrollmentId: event.enrollmentId, version: event.version, topic }, 'older enrollment fact ignored');
  };
}

/** The enrollment replica's inputs: every enrollment topic, read from the start. */
export function enrollmentSubscriptions(db: Knex): Subscription[] {
  return (Object.keys(statusAfter) as EnrollmentTopic[]).map((topic) => ({ topic, fromBeginning: true, handle: enrollmentHandler(db, topic) }));
}

/** The enrollment replica as `sc rebuild` knows it. */
export const enrollmentReplica: Replica = {
  name: 'enrollments',
  description: "Enrollments' status and version, from the enrollment topics (the highest version wins).",
  // updated_at is when this replica wrote the row, not a fact of the enrollment
  tables: [{ name: 'enrollments', key: ['id'], ignore: ['updated_at'] }],
  subscriptions: enrollmentSubscriptions,
};
