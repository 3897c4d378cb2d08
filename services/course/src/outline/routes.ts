import { Router } from 'express';
import { LessonEndpoint } from '@smartcourse/contracts';
import { callerOf, notFound, serveEndpoint, type Knex } from '@smartcourse/platform';
import { outsiderRefusal, roleInCourse } from '../courses/access.js';
import { quizzesOfCourse } from '../quizzes/store.js';
import { readBody, type BodyModel } from './bodies.js';
import { findLesson } from './store.js';
import { lessonView } from './views.js';

/**
 * A lesson with its body, for its course's owner and admins, students enrolled in the course
 * (active or completed), and anyone for a preview lesson of a published course. A lesson of a
 * course the caller may read but not study answers 403; of one they may not read, 404.
 */
export function lessonRoutes(deps: { db: Knex; bodies: BodyModel }): Router {
  const router = Router();
  serveEndpoint(router, LessonEndpoint, async ({ params: { lessonId } }, res) => {
    const caller = callerOf(res);
    const lesson = await findLesson(deps.db, lessonId);
    if (!lesson) throw notFound('LESSON_NOT_FOUND', 'No such lesson.');
    const role = await roleInCourse(deps.db, lesson.courseId, caller);
    if (!role.course) throw notFound('LESSON_NOT_FOUND', 'No such lesson.');
    const preview = lesson.isPreview && role.course.status === 'published';
    if (role.kind === 'other' && !preview) throw outsiderRefusal(role.course, caller, 'LESSON_NOT_FOUND');
    const body = await readBody(deps.bodies, lesson.id, lesson.bodyRevision);
    if (!body) throw new Error(`lesson ${lesson.id} names body revision ${lesson.bodyRevision}, which the document store lacks`);
    res.json({ data: lessonView(lesson, await quizzesOfCourse(deps.db, lesson.courseId), body) });
  });
  return router;
}
