import type { DocumentContext, EventHandler } from '@smartcourse/platform';
import { keepEnrollment, type EnrollmentModel } from './store.js';

const statusAfter = {
  'enrollment.created': 'active',
  'enrollment.dropped': 'dropped',
  'enrollment.reactivated': 'active',
  'enrollment.refunded': 'refunded',
  'enrollment.completed': 'completed',
} as const;

export type EnrollmentTopic = keyof typeof statusAfter;

/** Keeps the enrollment's status after one of its events (the highest version wins). */
export function keepEnrollmentOf(model: EnrollmentModel, topic: EnrollmentTopic): EventHandler<EnrollmentTopic, DocumentContext> {
  return (event) =>
    keepEnrollment(model, {
      enrollmentId: event.enrollmentId,
      studentId: event.studentId,
      courseId: event.courseId,
      status: statusAfter[topic],
      version: event.version,
    });
}
