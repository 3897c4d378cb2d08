import type { TopicRecords } from '@smartcourse/contracts';
import type { Activity, LearningRecord } from './statement.js';

/** A graded quiz attempt or assignment: passed or failed, with its score, in its course. */
function graded(
  event: { eventId: string; studentId: string; courseId: string; score: number; maxScore: number; passed: boolean; occurredAt: number },
  object: Activity,
): LearningRecord {
  return {
    eventId: event.eventId,
    actorId: event.studentId,
    verb: event.passed ? 'passed' : 'failed',
    object,
    course: event.courseId,
    score: { raw: event.score, max: event.maxScore },
    success: event.passed,
    timestamp: new Date(event.occurredAt),
  };
}

/**
 * Which learning event says what, as an xAPI statement: an enrollment is `registered` in the
 * course, a lesson and a course `completed`, a graded quiz attempt or assignment `passed` or
 * `failed` with its score, a certificate `earned`.
 */
export const learningRecords = {
  'enrollment.created': (event: TopicRecords['enrollment.created']): LearningRecord => ({
    eventId: event.eventId,
    actorId: event.studentId,
    verb: 'registered',
    object: { kind: 'course', id: event.courseId },
    registration: event.enrollmentId,
    timestamp: new Date(event.enrolledAt),
  }),
  'lesson.completed': (event: TopicRecords['lesson.completed']): LearningRecord => ({
    eventId: event.eventId,
    actorId: event.studentId,
    verb: 'completed',
    object: { kind: 'lesson', id: event.lessonId },
    course: event.courseId,
    registration: event.enrollmentId,
    completion: true,
    timestamp: new Date(event.completedAt),
  }),
  'enrollment.completed': (event: TopicRecords['enrollment.completed']): LearningRecord => ({
    eventId: event.eventId,
    actorId: event.studentId,
    verb: 'completed',
    object: { kind: 'course', id: event.courseId },
    registration: event.enrollmentId,
    completion: true,
    ...(event.scorePercent === null ? {} : { score: { raw: event.scorePercent, max: 100 } }),
    timestamp: new Date(event.completedAt),
  }),
  'quiz.attempt_graded': (event: TopicRecords['quiz.attempt_graded']): LearningRecord => graded(event, { kind: 'quiz', id: event.quizId }),
  'assignment.graded': (event: TopicRecords['assignment.graded']): LearningRecord => graded(event, { kind: 'assignment', id: event.assignmentId }),
  'certificate.issued': (event: TopicRecords['certificate.issued']): LearningRecord => ({
    eventId: event.eventId,
    actorId: event.studentId,
    verb: 'earned',
    object: { kind: 'certificate', id: event.certificateId },
    course: event.courseId,
    registration: event.enrollmentId,
    timestamp: new Date(event.issuedAt),
  }),
} as const;

export type LearningTopic = keyof typeof learningRecords;
