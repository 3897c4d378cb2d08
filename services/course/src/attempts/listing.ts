import type { AttemptListQuery, AttemptSummary } from '@smartcourse/contracts';
import { forbidden, type Actor } from '@smartcourse/platform';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { findQuiz } from '../quizzes/store.js';
import { quizNotFound, type AttemptDeps } from './start.js';
import { attemptsOf, listAttempts } from './store.js';
import { summaryView } from './views.js';

/**
 * A quiz's attempts: the owner and admins see everyone's (or one student's); anyone else sees
 * their own, as long as they study the course or have attempts there already (a dropped student
 * keeps their history).
 */
export async function attemptList(
  deps: AttemptDeps,
  quizId: string,
  query: AttemptListQuery,
  actor: Actor,
): Promise<{ entries: AttemptSummary[]; total: number }> {
  const quiz = await findQuiz(deps.db, quizId);
  if (!quiz) throw quizNotFound();
  const role = await roleInCourse(deps.db, quiz.courseId, actor);
  if (role.kind !== 'owner') {
    if (query.studentId !== undefined && query.studentId !== actor.userId)
      throw forbidden("Only the course's instructor and admins see other students' attempts.");
    if (role.kind === 'other' && (await attemptsOf(deps.db, quiz.id, actor.userId)).length === 0) throw outsiderRefusal(role.course, actor, 'QUIZ_NOT_FOUND');
  }
  const studentId = role.kind === 'owner' ? query.studentId : actor.userId;
  const { entries, total } = await listAttempts(deps.db, quiz.id, { studentId, page: query.page, perPage: query.per_page });
  const clock = { now: new Date(), graceSeconds: deps.submitGraceSeconds };
  return { entries: entries.map((attempt) => summaryView(attempt, clock)), total };
}
