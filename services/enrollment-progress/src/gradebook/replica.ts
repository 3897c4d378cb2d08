import { on, type EventHandler, type Replica, type ReplicaContext } from '@smartcourse/platform';
import { keepAssignmentGrade, keepQuizGrade } from './store.js';

/** The quiz's grade (by its grading method) after an attempt; a later attempt wins. */
const keepQuiz: EventHandler<'quiz.attempt_graded', ReplicaContext> = (event, { trx }) =>
  keepQuizGrade(trx, {
    studentId: event.studentId,
    lessonId: event.lessonId,
    courseId: event.courseId,
    quizId: event.quizId,
    percent: event.quizGradePercent,
    passed: event.quizPassed,
    attemptNumber: event.attemptNumber,
    gradedAt: new Date(event.occurredAt),
  });

/** A grade or regrade of the student's work; the highest revision wins. */
const keepAssignment: EventHandler<'assignment.graded', ReplicaContext> = (event, { trx }) =>
  keepAssignmentGrade(trx, {
    studentId: event.studentId,
    lessonId: event.lessonId,
    courseId: event.courseId,
    assignmentId: event.assignmentId,
    submissionId: event.submissionId,
    score: event.score,
    maxScore: event.maxScore,
    percent: event.percent,
    passed: event.passed,
    latePenaltyPercent: event.latePenaltyPercent,
    revision: event.revision,
    gradedAt: new Date(event.occurredAt),
  });

/**
 * The gradebook's grades, one row per student and graded lesson, from the grade events alone:
 * each row keeps the fact with the highest attempt number or revision, so a replay in any
 * interleaving, or a redelivery, ends with the same rows (`sc rebuild enrollment-progress gradebook`).
 */
export const gradebookReplica: Replica = {
  name: 'gradebook',
  description: "Students' quiz and assignment grades per lesson, from quiz.attempt_graded and assignment.graded (the latest attempt, the highest revision).",
  tables: [
    { name: 'gradebook_quiz_grades', key: ['student_id', 'lesson_id'] },
    { name: 'gradebook_assignment_grades', key: ['student_id', 'lesson_id'] },
  ],
  listeners: [on('quiz.attempt_graded', keepQuiz), on('assignment.graded', keepAssignment)],
};
