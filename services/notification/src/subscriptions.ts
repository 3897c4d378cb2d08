import type { UserErased, UserRegistered } from '@smartcourse/contracts';
import type { IncomingMessage, Logger, Subscription } from '@smartcourse/platform';
import { courseSubscriptions } from './courses/handlers.js';
import { resumeAwaiting } from './deliveries/lookup.js';
import { keepEnrollmentOf, type EnrollmentTopic } from './enrollments/handlers.js';
import { notifyHandler, type NotifyDeps } from './notifications/handlers.js';
import { recipientSubscriptions, keepRegistered } from './recipients/handlers.js';
import { eraseRecipient } from './recipients/store.js';

/**
 * Every topic this service consumes. All read from the start: a new group rebuilds the replicas
 * and finds every notification already recorded, so it sends nothing twice.
 */
export function subscriptions(deps: NotifyDeps): Subscription[] {
  const notify = (topic: Parameters<typeof notifyHandler>[1]) => notifyHandler(deps, topic);
  /** An enrollment event keeps the replica (the students of a course), then notifies when it does. */
  const enrollment = (topic: EnrollmentTopic, notifies: boolean): Subscription => {
    const notifyOf = notifies ? notify(topic as 'enrollment.created' | 'enrollment.completed') : undefined;
    return {
      topic,
      fromBeginning: true,
      async handle(message: IncomingMessage, log: Logger) {
        await keepEnrollmentOf(deps.enrollments, message);
        await notifyOf?.(message, log);
      },
    };
  };
  const welcome = notify('user.registered');
  return [
    {
      topic: 'user.registered',
      fromBeginning: true,
      async handle(message, log) {
        const event = message.value as unknown as UserRegistered;
        await keepRegistered(deps.recipients, event);
        await welcome(message, log);
        // Mail recorded before the address arrived (the topics interleave) need not wait for its retry.
        if ((await resumeAwaiting(deps.deliveries, event.userId)) > 0) deps.mailRecorded();
      },
    },
    ...recipientSubscriptions(deps.recipients),
    {
      topic: 'user.erased',
      fromBeginning: true,
      async handle(message, log) {
        const event = message.value as unknown as UserErased;
        await eraseRecipient(deps.recipients, event.userId, new Date(event.occurredAt));
        await deps.purge(event.userId);
        log.info({ userId: event.userId }, 'recipient, inbox, deliveries and preferences of an erased user purged');
      },
    },
    ...courseSubscriptions(deps.courses),
    { topic: 'course.archived', fromBeginning: true, handle: notify('course.archived') },
    enrollment('enrollment.created', true),
    enrollment('enrollment.dropped', false),
    enrollment('enrollment.reactivated', false),
    enrollment('enrollment.completed', true),
    { topic: 'lesson.completed', fromBeginning: true, handle: notify('lesson.completed') },
    { topic: 'quiz.attempt_graded', fromBeginning: true, handle: notify('quiz.attempt_graded') },
    { topic: 'certificate.issued', fromBeginning: true, handle: notify('certificate.issued') },
    { topic: 'certificate.revoked', fromBeginning: true, handle: notify('certificate.revoked') },
  ];
}
