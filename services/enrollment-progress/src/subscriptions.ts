import type { CommandRecords } from '@smartcourse/contracts';
import { commandSubscription, eventSubscriptions, on, type CommandHandling, type Pipeline, type Subscription } from '@smartcourse/platform';
import { completeLessonHandler, dropHandler, enrollHandler, recordVisitHandler, reinstateHandler, suspendHandler } from './enrollments/commands.js';
import { keepAssignmentGradeThen } from './assignment-grades/handlers.js';
import { catchUpOnGrade, noteErasure, recomputeOnNewStructure } from './enrollments/handlers.js';
import { enrollOnPayment, endOnRefund } from './enrollments/purchases.js';
import { keepGradeThen } from './progress/handlers.js';
import { replicas } from './replicas.js';

type EnrollmentCommand = Extract<keyof CommandRecords, `smartcourse.commands.enrollment.${string}`>;

/** Every topic this service consumes, and the handler of each command record type. */
export function subscriptions(pipeline: Pipeline): Subscription[] {
  const commands: Record<EnrollmentCommand, CommandHandling> = {
    'smartcourse.commands.enrollment.Enroll': enrollHandler(pipeline),
    'smartcourse.commands.enrollment.DropEnrollment': dropHandler(pipeline),
    'smartcourse.commands.enrollment.SuspendEnrollment': suspendHandler(pipeline),
    'smartcourse.commands.enrollment.ReinstateEnrollment': reinstateHandler(pipeline),
    'smartcourse.commands.enrollment.CompleteLesson': completeLessonHandler(pipeline),
    'smartcourse.commands.enrollment.RecordVisit': recordVisitHandler(pipeline),
  };
  return [
    commandSubscription(pipeline, 'enrollment.commands', commands),
    ...eventSubscriptions(pipeline, {
      replicas,
      listeners: [
        on('course.structure_changed', recomputeOnNewStructure),
        on('quiz.attempt_graded', keepGradeThen(catchUpOnGrade)),
        on('assignment.graded', keepAssignmentGradeThen(catchUpOnGrade)),
        on('user.erased', noteErasure),
        on('order.paid', enrollOnPayment),
        on('order.refunded', endOnRefund),
      ],
    }),
  ];
}
