import { documentSubscriptions, on, type DocumentContext, type EventHandler, type Subscription } from '@smartcourse/platform';
import { keepCourseTitle } from './courses/handlers.js';
import { resumeAwaiting } from './deliveries/store.js';
import { keepEnrollmentOf } from './enrollments/handlers.js';
import { notify, type NotifyDeps } from './notifications/handlers.js';
import { eraseRecipientOf, keepProfileName, keepRegistered } from './recipients/handlers.js';

/**
 * Every topic this service consumes, and its listeners in order: the replicas (recipients, course
 * titles, enrollments) first, then the notification the event makes. All read from the start: a
 * new group rebuilds the replicas and finds every notification already recorded, so it sends
 * nothing twice.
 */
export function subscriptions(deps: NotifyDeps): Subscription[] {
  /** Mail recorded before the address arrived (the topics interleave) need not wait for its retry. */
  const resumeMail: EventHandler<'user.registered', DocumentContext> = async (event, { afterwards }) => {
    if ((await resumeAwaiting(deps.deliveries, event.userId)) > 0) afterwards(deps.mailRecorded);
  };
  const titles = keepCourseTitle(deps.courses);
  return documentSubscriptions([
    on('user.registered', keepRegistered(deps.recipients)),
    on('user.registered', notify(deps, 'user.registered')),
    on('user.registered', resumeMail),
    on('user.profile_updated', keepProfileName(deps.recipients)),
    on('user.erased', eraseRecipientOf(deps.recipients, deps.purge)),
    on('course.published', titles),
    on('course.updated', titles),
    on('course.archived', notify(deps, 'course.archived')),
    on('enrollment.created', keepEnrollmentOf(deps.enrollments, 'enrollment.created')),
    on('enrollment.created', notify(deps, 'enrollment.created')),
    on('enrollment.dropped', keepEnrollmentOf(deps.enrollments, 'enrollment.dropped')),
    on('enrollment.reactivated', keepEnrollmentOf(deps.enrollments, 'enrollment.reactivated')),
    on('enrollment.completed', keepEnrollmentOf(deps.enrollments, 'enrollment.completed')),
    on('enrollment.completed', notify(deps, 'enrollment.completed')),
    on('lesson.completed', notify(deps, 'lesson.completed')),
    on('quiz.attempt_graded', notify(deps, 'quiz.attempt_graded')),
    on('assignment.submitted', notify(deps, 'assignment.submitted')),
    on('assignment.graded', notify(deps, 'assignment.graded')),
    on('certificate.issued', notify(deps, 'certificate.issued')),
    on('certificate.revoked', notify(deps, 'certificate.revoked')),
    on('order.paid', notify(deps, 'order.paid')),
    on('order.refunded', notify(deps, 'order.refunded')),
    on('order.failed', notify(deps, 'order.failed')),
  ]);
}
