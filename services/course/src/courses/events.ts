import { randomUUID } from 'node:crypto';
import type { TopicRecords } from '@smartcourse/contracts';
import { eventRecord, type EventTopic, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { Course } from './rules.js';

/** An event about a course: keyed by its id, stamped with a fresh id and the current time. */
export function courseEvent<T extends EventTopic>(
  topic: T,
  value: Omit<TopicRecords[T], 'eventId' | 'occurredAt'>,
  courseId: string,
  context: MessageContext,
): OutgoingRecord {
  const stamped = { eventId: randomUUID(), occurredAt: Date.now(), ...value } as TopicRecords[T];
  return eventRecord(topic, stamped, { service: 'course', key: courseId, context });
}

/** The catalog facts every snapshot event of a course carries (ids and facts, nothing personal). */
export function courseFacts(course: Course) {
  return {
    courseId: course.id,
    instructorId: course.instructorId,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    category: course.category,
    tags: course.tags,
    level: course.level,
    language: course.language,
    priceCents: course.priceCents,
    currency: course.currency,
  };
}
