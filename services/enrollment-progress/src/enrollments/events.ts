import { randomUUID } from 'node:crypto';
import type { TopicRecords } from '@smartcourse/contracts';
import { eventRecord, type EventTopic, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { Enrollment } from './rules.js';

/** An event about an enrollment: keyed by its id, with its ids and the version after the change. */
export function enrollmentEvent<T extends EventTopic>(
  topic: T,
  enrollment: Pick<Enrollment, 'id' | 'studentId' | 'courseId'>,
  version: number,
  fields: Omit<TopicRecords[T], 'eventId' | 'occurredAt' | 'enrollmentId' | 'studentId' | 'courseId' | 'version'>,
  context: MessageContext,
): OutgoingRecord {
  const value = {
    eventId: randomUUID(),
    occurredAt: Date.now(),
    enrollmentId: enrollment.id,
    studentId: enrollment.studentId,
    courseId: enrollment.courseId,
    version,
    ...fields,
  } as unknown as TopicRecords[T];
  return eventRecord(topic, value, { service: 'enrollment-progress', key: enrollment.id, context });
}
