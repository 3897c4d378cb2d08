import { Course, CourseList, CourseListQuery, CourseParams, InstructorCourseList, InstructorCourseQuery, Lesson, LessonParams } from '../http/courses.js';
import {
  AttemptList,
  AttemptListQuery,
  AttemptParams,
  GradedAttempt,
  Quiz,
  QuizParams,
  QuizRequest,
  StartAttemptCall,
  StartedAttempt,
  SubmitAttemptRequest,
} from '../http/quizzes.js';
import { z } from 'zod';
import { FileParams } from '../http/files.js';
import { internalEndpoint } from './endpoint.js';

/** The course service's internal API: course and lesson reads, and quizzes over synchronous calls (keys and answers never go on Kafka). */

export const CatalogEndpoint = internalEndpoint({ method: 'get', path: '/internal/courses', query: CourseListQuery, response: CourseList });

/** A course with its outline, as the caller (signed in or not) may see it. */
export const CourseEndpoint = internalEndpoint({ method: 'get', path: '/internal/courses/:courseId', params: CourseParams, response: Course });

export const InstructorCoursesEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/instructors/me/courses',
  query: InstructorCourseQuery,
  response: InstructorCourseList,
});

export const FileAccess = z.object({ readable: z.boolean() });
export type FileAccess = z.infer<typeof FileAccess>;

/**
 * Whether the caller (signed in or not) may read a file of the media service, by the read rules
 * the course service owns: a lesson's video or attachment, a course's thumbnail (and what joins them).
 */
export const FileAccessEndpoint = internalEndpoint({ method: 'get', path: '/internal/files/:fileId/access', params: FileParams, response: FileAccess });

export const LessonEndpoint = internalEndpoint({ method: 'get', path: '/internal/lessons/:lessonId', params: LessonParams, response: Lesson });

/** Sets a lesson's quiz whole; the service checks the keys against their questions beyond the shape. */
export const SetQuizEndpoint = internalEndpoint({
  method: 'put',
  path: '/internal/lessons/:lessonId/quiz',
  params: LessonParams,
  body: QuizRequest,
  response: Quiz,
});

/** The quiz with its keys for its owner and admins, a StudentQuiz without them for an enrolled student. */
export const QuizEndpoint = internalEndpoint({ method: 'get', path: '/internal/lessons/:lessonId/quiz', params: LessonParams });

export const StartAttemptEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/quizzes/:quizId/attempts',
  params: QuizParams,
  body: StartAttemptCall,
  response: StartedAttempt,
});

export const SubmitAttemptEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/quizzes/:quizId/attempts/:attemptId/submit',
  params: AttemptParams,
  body: SubmitAttemptRequest,
  response: GradedAttempt,
});

export const AttemptsEndpoint = internalEndpoint({
  method: 'get',
  path: '/internal/quizzes/:quizId/attempts',
  params: QuizParams,
  query: AttemptListQuery,
  response: AttemptList,
});
