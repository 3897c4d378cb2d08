import type { Lesson as LessonView } from '@smartcourse/contracts';
import type { LessonBody } from './bodies.js';
import type { Lesson, QuizzesByLesson } from './rules.js';

/** A lesson as an outline lists it (no body). */
export function outlineLessonView(lesson: Lesson, quizzes: QuizzesByLesson) {
  return {
    id: lesson.id,
    title: lesson.title,
    kind: lesson.kind,
    durationMinutes: lesson.durationMinutes,
    isPreview: lesson.isPreview,
    required: lesson.required,
    position: lesson.position,
    quizId: quizzes.get(lesson.id)?.quizId ?? null,
  };
}

/** A lesson with its body, as the lesson read answers it. */
export function lessonView(lesson: Lesson, quizzes: QuizzesByLesson, body: LessonBody): LessonView {
  return { ...outlineLessonView(lesson, quizzes), courseId: lesson.courseId, moduleId: lesson.moduleId, body, updatedAt: lesson.updatedAt.toISOString() };
}
