import { Router } from 'express';
import { LessonEndpoint } from '@smartcourse/contracts';
import { callerOf, notFound, serveEndpoint, type Knex } from '@smartcourse/platform';
import { quizzesOfCourse } from '../quizzes/store.js';
import { lessonReadRefusal } from './access.js';
import { readBody, type BodyModel } from './bodies.js';
import { findLesson } from './store.js';
import { lessonView } from './views.js';

/** A lesson with its body, for the readers `lessonReadRefusal` (./access.ts) admits. */
export function lessonRoutes(deps: { db: Knex; bodies: BodyModel }): Router {
  const router = Router();
  serveEndpoint(router, LessonEndpoint, async ({ params: { lessonId } }, res) => {
    const caller = callerOf(res);
    const lesson = await findLesson(deps.db, lessonId);
    if (!lesson) throw notFound('LESSON_NOT_FOUND', 'No such lesson.');
    const refusal = await lessonReadRefusal(deps.db, lesson, caller);
    if (refusal) throw refusal;
    const body = await readBody(deps.bodies, lesson.id, lesson.bodyRevision);
    if (!body) throw new Error(`lesson ${lesson.id} names body revision ${lesson.bodyRevision}, which the document store lacks`);
    res.json({ data: lessonView(lesson, await quizzesOfCourse(deps.db, lesson.courseId), body) });
  });
  return router;
}
