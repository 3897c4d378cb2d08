import { Router } from 'express';
import { CatalogEndpoint, CourseEndpoint, InstructorCoursesEndpoint } from '@smartcourse/contracts';
import { actorOf, callerOf, displayNameOf, forbidden, notFound, pageMeta, serveEndpoint, type Knex } from '@smartcourse/platform';
import { countsByCourse } from '../enrollments/store.js';
import { loadOutline } from '../outline/store.js';
import { quizzesOfCourse } from '../quizzes/store.js';
import { maySeeCourse } from './access.js';
import { findCourse, listCatalog, listForInstructor } from './store.js';
import { courseView, summaryView } from './views.js';

/** Course reads: the catalog, one course with its outline, an instructor's own courses. */
export function courseRoutes(deps: { db: Knex }): Router {
  const router = Router();

  serveEndpoint(router, CatalogEndpoint, async ({ query }, res) => {
    const { entries, total } = await listCatalog(deps.db, query);
    res.json({ data: entries.map(summaryView), meta: pageMeta(query.page, query.per_page, total) });
  });

  serveEndpoint(router, CourseEndpoint, async ({ params: { courseId } }, res) => {
    const caller = callerOf(res);
    const course = await findCourse(deps.db, courseId);
    // A course the caller may not read does not exist for them: 404, never 403.
    if (!course || !(await maySeeCourse(deps.db, course, caller))) throw notFound('COURSE_NOT_FOUND', 'No such course.');
    const [outline, quizzes, name] = await Promise.all([
      loadOutline(deps.db, course.id),
      quizzesOfCourse(deps.db, course.id),
      displayNameOf(deps.db, course.instructorId),
    ]);
    res.json({ data: courseView(course, outline, quizzes, name) });
  });

  serveEndpoint(router, InstructorCoursesEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    // Courses stay with a demoted instructor's id; listing them as theirs needs the role too.
    if (actor.role !== 'instructor' && actor.role !== 'admin') throw forbidden('Only instructors and admins have courses of their own.');
    const { entries, total } = await listForInstructor(deps.db, actor.userId, query);
    const counts = await countsByCourse(
      deps.db,
      entries.map((entry) => entry.id),
    );
    res.json({
      data: entries.map((entry) => ({ ...summaryView(entry), enrollmentCount: counts.get(entry.id) ?? 0 })),
      meta: pageMeta(query.page, query.per_page, total),
    });
  });

  return router;
}
