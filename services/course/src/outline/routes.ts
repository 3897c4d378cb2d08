import { Router } from 'express';
import { LessonParams } from '@smartcourse/contracts';
import { AppError, callerOf, notFound, parse, type Knex } from '@smartcourse/platform';
import { loadCourse } from '../courses/lookup.js';
import { canRead, isOwner } from '../courses/rules.js';
import { mayStudyCourse } from '../enrollments/lookup.js';
import { quizzesOfCourse } from '../quizzes/lookup.js';
import { readBody, type BodyModel } from './bodies.js';
import { findLesson } from './store.js';

const lessonNotFound = () => notFound('LESSON_NOT_FOUND', 'No such lesson.');

/**
 * A lesson with its body, for its course's owner and admins, students enrolled in the course
 * (active or completed), and anyone for a preview lesson of a published course. A lesson of a
 * course the caller may read but not study answers 403; of one they may not read, 404.
 */
export function lessonRoutes(deps: { db: Knex; bodies: BodyModel }): Router {
  const router = Router();
  router.get('/internal/lessons/:lessonId', async (req, res) => {
    const { lessonId } = parse(LessonParams, req.params);
    const caller = callerOf(res);
    const lesson = await findLesson(deps.db, lessonId);
    const course = lesson ? await loadCourse(deps.db, lesson.courseId) : undefined;
    if (!lesson || !course) throw lessonNotFound();
    const owner = caller !== undefined && isOwner(course, caller);
    const enrolled = !owner && caller !== undefined && (await mayStudyCourse(deps.db, caller.userId, course.id));
    const preview = lesson.isPreview && course.status === 'published';
    if (!owner && !enrolled && !preview) {
      if (!canRead(course, caller, false)) throw lessonNotFound();
      throw new AppError({ code: 'ENROLLMENT_REQUIRED', status: 403, message: 'Enroll in the course to read this lesson.' });
    }
    const body = await readBody(deps.bodies, lesson.id, lesson.bodyRevision);
    if (!body) throw new Error(`lesson ${lesson.id} names body revision ${lesson.bodyRevision}, which the document store lacks`);
    const quizzes = await quizzesOfCourse(deps.db, course.id);
    res.json({
      data: {
        id: lesson.id,
        courseId: lesson.courseId,
        moduleId: lesson.moduleId,
        title: lesson.title,
        kind: lesson.kind,
        durationMinutes: lesson.durationMinutes,
        isPreview: lesson.isPreview,
        required: lesson.required,
        position: lesson.position,
        quizId: quizzes.get(lesson.id)?.quizId ?? null,
        body,
        updatedAt: lesson.updatedAt.toISOString(),
      },
    });
  });
  return router;
}
