import { randomUUID } from 'node:crypto';
import {
  AppError,
  conflict,
  inTransaction,
  notFound,
  validationError,
  type Actor,
  type FieldIssue,
  type MessageContext,
  type Writer,
} from '@smartcourse/platform';
import { findCourse } from '../courses/store.js';
import { authoringRefusal } from '../courses/rules.js';
import { findLesson } from '../outline/store.js';
import { structureChange } from '../outline/structure.js';
import { validateQuiz, type Quiz } from './rules.js';
import { findQuizOfLesson, insertQuiz, replaceQuiz } from './store.js';

export type AuthoringDeps = Writer;

const lessonNotFound = () => notFound('LESSON_NOT_FOUND', 'No such lesson.');

/**
 * Sets the quiz of a quiz lesson, replacing the one before whole (same quiz id, next version).
 * Attempts keep the questions they showed, so graded ones keep their score and open ones are
 * graded as they were shown. Under the course's row lock, like every outline change: the first
 * quiz of a lesson of a course whose structure is public changes that structure (its quizId),
 * announced in the same transaction.
 */
export async function setQuiz(deps: AuthoringDeps, lessonId: string, body: unknown, actor: Actor, context: MessageContext): Promise<Quiz> {
  const decision = validateQuiz(body);
  if (decision.kind === 'rejected') throw validationError(decision.rejection.details as FieldIssue[], decision.rejection.message);
  if (decision.kind !== 'accepted') throw new Error('validateQuiz decided neither way');
  const draft = decision.change;
  return inTransaction(deps, async ({ trx, emit }) => {
    const found = await findLesson(trx, lessonId);
    if (!found) throw lessonNotFound();
    const course = await findCourse(trx, found.courseId, { forUpdate: true });
    const refusal = authoringRefusal(course, actor);
    // The route names a lesson: a course the caller may not see hides its lessons.
    if (refusal?.code === 'COURSE_NOT_FOUND') throw lessonNotFound();
    if (refusal) throw new AppError({ code: refusal.code, message: refusal.message });
    // Read again under the lock: the lesson may have gone or changed kind meanwhile.
    const lesson = await findLesson(trx, lessonId);
    if (!course || !lesson) throw lessonNotFound();
    if (lesson.kind !== 'quiz') throw conflict('NOT_A_QUIZ_LESSON', 'Only a lesson of kind quiz has a quiz.');

    const questions = draft.questions.map((question) => ({ ...question, id: question.id ?? randomUUID() }));
    const existing = await findQuizOfLesson(trx, lesson.id);
    if (existing) return replaceQuiz(trx, existing.id, draft, questions);
    const created = await insertQuiz(trx, { id: randomUUID(), lessonId: lesson.id, courseId: course.id, ...draft, questions });
    emit(...(await structureChange(trx, course, context)));
    return created;
  });
}
