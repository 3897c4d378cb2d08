import { randomUUID } from 'node:crypto';
import { conflict, inTransaction, validationError, type Actor, type FieldIssue, type MessageContext, type Writer } from '@smartcourse/platform';
import { authoredLesson } from '../outline/authored-lesson.js';
import { structureChange } from '../outline/structure.js';
import { validateQuiz, type Quiz } from './rules.js';
import { findQuizOfLesson, insertQuiz, replaceQuiz } from './store.js';

export type AuthoringDeps = Writer;

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
    const { course, lesson } = await authoredLesson(trx, lessonId, actor);
    if (lesson.kind !== 'quiz') throw conflict('NOT_A_QUIZ_LESSON', 'Only a lesson of kind quiz has a quiz.');

    const questions = draft.questions.map((question) => ({ ...question, id: question.id ?? randomUUID() }));
    const existing = await findQuizOfLesson(trx, lesson.id);
    if (existing) return replaceQuiz(trx, existing.id, draft, questions);
    const created = await insertQuiz(trx, { id: randomUUID(), lessonId: lesson.id, courseId: course.id, ...draft, questions });
    emit(...(await structureChange(trx, course, context)));
    return created;
  });
}
