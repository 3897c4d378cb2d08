import type { Submission as SubmissionView, SubmissionListQuery } from '@smartcourse/contracts';
import type { Actor, Knex } from '@smartcourse/platform';
import { findAssignment } from '../assignments/store.js';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { gradesOfSubmissions, listLatestSubmissions, listStudentSubmissions, submissionsOf } from './store.js';
import { assignmentNotFound } from './submit.js';
import { submissionView } from './views.js';

/**
 * An assignment's submissions, each with its grades: the owner and admins see each student's
 * latest version; anyone else sees every version of their own, as long as they study the course
 * or handed in work there already (a dropped student keeps their history).
 */
export async function submissionList(
  db: Knex,
  assignmentId: string,
  query: SubmissionListQuery,
  actor: Actor,
): Promise<{ entries: SubmissionView[]; total: number }> {
  const assignment = await findAssignment(db, assignmentId);
  if (!assignment) throw assignmentNotFound();
  const role = await roleInCourse(db, assignment.courseId, actor);
  if (role.kind === 'other' && (await submissionsOf(db, assignment.id, actor.userId)).length === 0)
    throw outsiderRefusal(role.course, actor, 'ASSIGNMENT_NOT_FOUND');
  const page = { status: query.status, page: query.page, perPage: query.per_page };
  const { entries, total } =
    role.kind === 'owner' ? await listLatestSubmissions(db, assignment.id, page) : await listStudentSubmissions(db, assignment.id, actor.userId, page);
  const grades = await gradesOfSubmissions(
    db,
    entries.map((entry) => entry.id),
  );
  return { entries: entries.map((entry) => submissionView(entry, grades.get(entry.id) ?? [])), total };
}
