import { randomUUID } from 'node:crypto';
import type { TopicRecords } from '@smartcourse/contracts';
import { publishEvent } from './kafka.js';

type EnrollmentTopic =
  'enrollment.created' | 'enrollment.dropped' | 'enrollment.reactivated' | 'enrollment.suspended' | 'enrollment.reinstated' | 'enrollment.completed';

/**
 * Publishes an enrollment event to its real topic, as the enrollment-progress service will:
 * Avro through the registry, keyed by enrollment id, with the CloudEvents id header.
 */
export async function publishEnrollmentEvent<T extends EnrollmentTopic>(
  topic: T,
  fields: Omit<TopicRecords[T], 'eventId' | 'occurredAt'> & Partial<Pick<TopicRecords[T], 'eventId' | 'occurredAt'>>,
): Promise<TopicRecords[T]> {
  const value = { eventId: randomUUID(), occurredAt: Date.now(), ...fields } as TopicRecords[T];
  await publishEvent(topic, value.enrollmentId, value);
  return value;
}

/** An enrollment of the student in the course, as `enrollment.created` announces it. */
export function enroll(studentId: string, courseId: string, enrollmentId: string = randomUUID()) {
  return publishEnrollmentEvent('enrollment.created', { enrollmentId, studentId, courseId, version: 1, enrolledAt: Date.now(), source: 'self', orderId: null });
}
