import type { MessageContext, Knex, OutgoingRecord } from '@smartcourse/platform';
import { passedAssignmentLessons } from '../assignment-grades/rules.js';
import { assignmentGradesOf } from '../assignment-grades/store.js';
import { structureLessons } from '../courses/store.js';
import { gradesOf } from '../progress/store.js';
import { figuresOf, passedQuizLessons, scorePercentOf } from '../progress/rules.js';
import { enrollmentEvent } from './events.js';
import type { Enrollment } from './rules.js';
import { saveProgress } from './store.js';

/**
 * Brings a locked enrollment up to date with the current structure and the recorded quiz and assignment grades,
 * plus the lessons just completed: each new completion is a `lesson.completed`, and the first
 * time every required lesson is complete an active enrollment becomes `completed` with one
 * `enrollment.completed`. The caller holds the row `for update`, so two of these on one
 * enrollment serialise and the second sees the status the first committed: completion happens
 * once. A completed enrollment is never un-completed; suspended and dropped ones only have
 * their figures recomputed.
 */
export async function catchUp(
  trx: Knex.Transaction,
  enrollment: Enrollment,
  context: MessageContext,
  justCompleted: readonly string[] = [],
): Promise<OutgoingRecord[]> {
  const lessons = await structureLessons(trx, enrollment.courseId);
  const grades = await gradesOf(trx, enrollment.studentId, enrollment.courseId);
  const assignmentGrades = await assignmentGradesOf(trx, enrollment.studentId, enrollment.courseId);
  const completed = new Set(enrollment.completedLessonIds);
  const studying = enrollment.status === 'active' || enrollment.status === 'completed';
  const inStructure = new Set(lessons.map((lesson) => lesson.lessonId));
  const additions = studying
    ? [
        ...new Set([
          ...justCompleted.filter((id) => inStructure.has(id)),
          ...passedQuizLessons(lessons, grades, completed),
          ...passedAssignmentLessons(lessons, assignmentGrades, completed),
        ]),
      ].filter((id) => !completed.has(id))
    : [];

  const events: OutgoingRecord[] = [];
  let version = enrollment.version;
  const now = Date.now();
  for (const lessonId of additions) {
    completed.add(lessonId);
    version += 1;
    events.push(
      enrollmentEvent('lesson.completed', enrollment, version, { lessonId, completedAt: now, percent: figuresOf(lessons, completed).percent }, context),
    );
  }
  const figures = figuresOf(lessons, completed);
  const completes = enrollment.status === 'active' && figures.allRequiredDone;
  const scorePercent = completes ? scorePercentOf(lessons, grades) : enrollment.scorePercent;
  if (completes) {
    version += 1;
    events.push(enrollmentEvent('enrollment.completed', enrollment, version, { completedAt: now, scorePercent }, context));
  }
  await saveProgress(trx, enrollment.id, {
    status: completes ? 'completed' : enrollment.status,
    completedLessonIds: [...completed],
    percent: figures.percent,
    requiredLessonCount: figures.requiredLessonCount,
    completedRequiredCount: figures.completedRequiredCount,
    completedAt: completes ? new Date(now) : enrollment.completedAt,
    scorePercent,
    version,
  });
  return events;
}
