import type { CommandRecords, UserErased } from '@smartcourse/contracts';
import { commandSubscription, type CommandHandling, type CommandPipeline, type Knex, type OutboxRelay, type Subscription } from '@smartcourse/platform';
import { courseReplicaSubscriptions } from './courses/replica.js';
import { completeLessonHandler, dropHandler, enrollHandler, recordVisitHandler, reinstateHandler, suspendHandler } from './enrollments/commands.js';
import { applyGrade, recomputeCourse } from './enrollments/handlers.js';
import { quizGradedHandler } from './progress/handlers.js';

type EnrollmentCommand = Extract<keyof CommandRecords, `smartcourse.commands.enrollment.${string}`>;

/** Every topic this service consumes, and the handler of each command record type. */
export function subscriptions(deps: { pipeline: CommandPipeline; db: Knex; relay: Pick<OutboxRelay, 'wake'> }): Subscription[] {
  const { pipeline, db, relay } = deps;
  const commands: Record<EnrollmentCommand, CommandHandling> = {
    'smartcourse.commands.enrollment.Enroll': enrollHandler(pipeline),
    'smartcourse.commands.enrollment.DropEnrollment': dropHandler(pipeline),
    'smartcourse.commands.enrollment.SuspendEnrollment': suspendHandler(pipeline),
    'smartcourse.commands.enrollment.ReinstateEnrollment': reinstateHandler(pipeline),
    'smartcourse.commands.enrollment.CompleteLesson': completeLessonHandler(pipeline),
    'smartcourse.commands.enrollment.RecordVisit': recordVisitHandler(pipeline),
  };
  const wake = () => relay.wake();
  // Replicas read from the start: a new group rebuilds them (and the progress they lead to) from the whole history.
  return [
    commandSubscription(pipeline, 'enrollment.commands', commands),
    ...courseReplicaSubscriptions(db, { followUp: recomputeCourse, onCommitted: wake }),
    { topic: 'quiz.attempt_graded', fromBeginning: true, handle: quizGradedHandler(db, applyGrade, wake) },
    {
      topic: 'user.erased',
      fromBeginning: true,
      // Nothing personal is kept here: enrollments, grades and replicas hold ids and figures only,
      // and an erased student's enrollments keep them (DOMAIN §1). The subscription stays so the
      // topology's promise is checked, and the log shows the erasure reached this service.
      handle: async (message, log) => {
        const event = message.value as unknown as UserErased;
        log.info({ userId: event.userId }, 'user erased: nothing personal stored here');
      },
    },
  ];
}
