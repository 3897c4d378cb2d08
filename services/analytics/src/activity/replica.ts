import { on, type ListenedTopic, type Replica, type ReplicaContext, type Listener } from '@smartcourse/platform';
import type { TopicRecords } from '@smartcourse/contracts';
import { eraseTimeline, keepEntry, type ActivityEntry } from './store.js';

type Entry = Omit<ActivityEntry, 'eventId' | 'type' | 'occurredAt'> & { occurredAt?: number };

/** A timeline entry of type `topic` from each event of the topic, as `entry` describes it. */
function entryOf<T extends ListenedTopic>(topic: T, entry: (event: TopicRecords[T]) => Entry): Listener<ReplicaContext> {
  return on<T, ReplicaContext>(topic, (event, { trx }) => {
    const { occurredAt, ...rest } = entry(event);
    const { eventId } = event as { eventId: string };
    const at = occurredAt ?? (event as { occurredAt: number }).occurredAt;
    return keepEntry(trx, { eventId, type: topic, occurredAt: new Date(at), ...rest });
  });
}

const enrollment = (event: { studentId: string; courseId: string }) => ({ userId: event.studentId, courseId: event.courseId, subjectId: null });

/** Each person's learning timeline (`GET /analytics/users/{userId}/activity`); an erasure deletes it. */
export const activityReplica: Replica = {
  name: 'activity',
  description: "Each person's timeline of learning events; deleted on erasure.",
  tables: [
    { name: 'activity', key: ['event_id'] },
    { name: 'activity_erasures', key: ['user_id'] },
  ],
  listeners: [
    entryOf('user.registered', (event) => ({ userId: event.userId, courseId: null, subjectId: null, details: { role: event.role } })),
    entryOf('enrollment.created', (event) => ({ ...enrollment(event), occurredAt: event.enrolledAt, details: { source: event.source } })),
    entryOf('enrollment.dropped', (event) => ({ ...enrollment(event), details: {} })),
    entryOf('enrollment.reactivated', (event) => ({ ...enrollment(event), details: {} })),
    entryOf('enrollment.suspended', (event) => ({ ...enrollment(event), details: {} })),
    entryOf('enrollment.reinstated', (event) => ({ ...enrollment(event), details: {} })),
    entryOf('enrollment.refunded', (event) => ({ ...enrollment(event), subjectId: event.orderId, details: {} })),
    entryOf('enrollment.completed', (event) => ({ ...enrollment(event), occurredAt: event.completedAt, details: { scorePercent: event.scorePercent } })),
    entryOf('lesson.completed', (event) => ({
      ...enrollment(event),
      subjectId: event.lessonId,
      occurredAt: event.completedAt,
      details: { percent: event.percent },
    })),
    entryOf('quiz.attempt_graded', (event) => ({
      ...enrollment(event),
      subjectId: event.quizId,
      details: { attemptNumber: event.attemptNumber, percent: event.percent, passed: event.passed },
    })),
    entryOf('assignment.graded', (event) => ({
      ...enrollment(event),
      subjectId: event.assignmentId,
      details: { percent: event.percent, passed: event.passed, revision: event.revision },
    })),
    entryOf('certificate.issued', (event) => ({
      ...enrollment(event),
      subjectId: event.certificateId,
      occurredAt: event.issuedAt,
      details: { number: event.number },
    })),
    entryOf('certificate.revoked', (event) => ({
      ...enrollment(event),
      subjectId: event.certificateId,
      occurredAt: event.revokedAt,
      details: { reason: event.reason },
    })),
    entryOf('order.paid', (event) => ({
      ...enrollment(event),
      subjectId: event.orderId,
      occurredAt: event.paidAt,
      details: { amountCents: event.amountCents, currency: event.currency },
    })),
    entryOf('order.refunded', (event) => ({
      ...enrollment(event),
      subjectId: event.orderId,
      occurredAt: event.refundedAt,
      details: { amountCents: event.amountCents, currency: event.currency },
    })),
    on('user.erased', (event, { trx }) => eraseTimeline(trx, event.userId)),
  ],
};
