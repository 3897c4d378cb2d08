import type { Quiz as QuizView, StudentQuiz } from '@smartcourse/contracts';
import { notFound, type Actor, type Knex } from '@smartcourse/platform';
import { findLesson } from '../outline/store.js';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { findQuizOfLesson } from './store.js';
import { ownerView, studentView } from './views.js';

/** A lesson's quiz: with its keys for the owner and admins, without them for enrolled students; 403/404 to others. */
export async function readQuiz(db: Knex, lessonId: string, actor: Actor): Promise<QuizView | StudentQuiz> {
  const lesson = await findLesson(db, lessonId);
  if (!lesson) throw notFound('LESSON_NOT_FOUND', 'No such lesson.');
  const role = await roleInCourse(db, lesson.courseId, actor);
  if (role.kind === 'other') throw outsiderRefusal(role.course, actor, 'LESSON_NOT_FOUND');
  const quiz = await findQuizOfLesson(db, lesson.id);
  if (!quiz) throw notFound('QUIZ_NOT_FOUND', 'This lesson has no quiz yet.');
  return role.kind === 'owner' ? ownerView(quiz) : studentView(quiz);
}
