import type { EnrollmentCompleted, EnrollmentCreated, EnrollmentDropped, EnrollmentReactivated } from '@smartcourse/contracts';
import type { IncomingMessage } from '@smartcourse/platform';
import { keepEnrollment, type EnrollmentModel } from './store.js';

const statusAfter = {
  'enrollment.created': 'active',
  'enrollment.dropped': 'dropped',
  'enrollment.reactivated': 'active',
  'enrollment.completed': 'completed',
} as const;

export type EnrollmentTopic = keyof typeof statusAfter;

/** Keeps the enrollment's status after one of its events. */
export async function keepEnrollmentOf(model: EnrollmentModel, message: IncomingMessage): Promise<void> {
  const event = message.value as unknown as EnrollmentCreated | EnrollmentDropped | EnrollmentReactivated | EnrollmentCompleted;
  const status = statusAfter[message.topic as EnrollmentTopic];
  await keepEnrollment(model, { enrollmentId: event.enrollmentId, studentId: event.studentId, courseId: event.courseId, status, version: event.version });
}
