import { Router } from 'express';
import {
  CourseRosterEndpoint,
  enrollmentIdOf,
  EnrollmentEndpoint,
  EnrollmentProgressEndpoint,
  LessonProgressEndpoint,
  MyEnrollmentsEndpoint,
} from '@smartcourse/contracts';
import { actorOf, forbidden, notFound, pageMeta, serveEndpoint, type Actor, type Knex } from '@smartcourse/platform';
import { findCourse, lessonInStructure, titlesOf, structureLessons } from '../courses/store.js';
import { teaches } from '../courses/rules.js';
import { gradesOf } from '../progress/store.js';
import { gradesByQuiz } from '../progress/rules.js';
import { mayRead, type Enrollment } from './rules.js';
import { findEnrollment, listOfCourse, listOfStudent } from './store.js';
import { enrollmentView, progressView, rosterView } from './views.js';

/** Reads of enrollments and their progress for the gateway. */
export function enrollmentRoutes(deps: { db: Knex }): Router {
  const router = Router();
  const { db } = deps;

  /** The enrollment if the actor may read it; otherwise it does not exist for them (404, never 403). */
  async function readable(enrollmentId: string, actor: Actor): Promise<Enrollment> {
    const enrollment = await findEnrollment(db, enrollmentId);
    const course = enrollment && (await findCourse(db, enrollment.courseId));
    if (!enrollment || !mayRead(enrollment, course?.instructorId, actor)) throw notFound('ENROLLMENT_NOT_FOUND', 'No such enrollment.');
    return enrollment;
  }

  async function withProgress(enrollment: Enrollment) {
    const [lessons, grades] = await Promise.all([structureLessons(db, enrollment.courseId), gradesOf(db, enrollment.studentId, enrollment.courseId)]);
    const quizIds = new Set(lessons.flatMap((lesson) => (lesson.quizId ? [lesson.quizId] : [])));
    return progressView(enrollment, new Set(lessons.map((lesson) => lesson.lessonId)), gradesByQuiz(grades.filter((grade) => quizIds.has(grade.quizId))));
  }

  serveEndpoint(router, MyEnrollmentsEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    const { entries, total } = await listOfStudent(db, actor.userId, query);
    const titles = await titlesOf(
      db,
      entries.map((entry) => entry.courseId),
    );
    res.json({ data: entries.map((entry) => enrollmentView(entry, titles.get(entry.courseId) ?? null)), meta: pageMeta(query.page, query.per_page, total) });
  });

  serveEndpoint(router, EnrollmentEndpoint, async ({ params: { enrollmentId } }, res) => {
    const enrollment = await readable(enrollmentId, actorOf(res));
    const titles = await titlesOf(db, [enrollment.courseId]);
    res.json({ data: enrollmentView(enrollment, titles.get(enrollment.courseId) ?? null) });
  });

  serveEndpoint(router, EnrollmentProgressEndpoint, async ({ params: { enrollmentId } }, res) => {
    res.json({ data: await withProgress(await readable(enrollmentId, actorOf(res))) });
  });

  /**
   * The caller's progress in the course of a lesson: what a lesson command leads to. Lesson
   * commands' results carry the student id (the pipeline names the aggregate before anything is
   * loaded, and only the structure knows the lesson's course), so the gateway reads back here.
   */
  serveEndpoint(router, LessonProgressEndpoint, async ({ params: { lessonId } }, res) => {
    const actor = actorOf(res);
    const found = await lessonInStructure(db, lessonId);
    const enrollment = found && (await findEnrollment(db, enrollmentIdOf(actor.userId, found.courseId)));
    if (!enrollment) throw notFound('ENROLLMENT_NOT_FOUND', 'You have no enrollment in the course of this lesson.');
    res.json({ data: await withProgress(enrollment) });
  });

  serveEndpoint(router, CourseRosterEndpoint, async ({ params: { courseId }, query }, res) => {
    const actor = actorOf(res);
    const course = await findCourse(db, courseId);
    if (!course) throw notFound('COURSE_NOT_FOUND', 'No such course.');
    if (!teaches(course, actor)) throw forbidden('Only the course instructor and admins see its roster.');
    const { entries, total } = await listOfCourse(db, courseId, query);
    res.json({ data: entries.map((entry) => rosterView(entry, course.title)), meta: pageMeta(query.page, query.per_page, total) });
  });

  return router;
}
