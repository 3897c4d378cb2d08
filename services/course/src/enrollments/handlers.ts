import type { TopicRecords } from '@smartcourse/contracts';
import type { IncomingMessage, Knex, Logger } from '@smartcourse/platform';
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
