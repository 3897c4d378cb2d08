import {
  UpdateLessonRequest,
  type LessonBody as RequestBody,
  type LessonContent,
  type LessonKind,
  type StructureModule,
  type UpdateLesson,
} from '@smartcourse/contracts';
import { accept, fieldIssues, reject, type Decision, type Rejection } from '@smartcourse/platform';
import type { OutlineReadiness } from '../courses/rules.js';
import type { LessonBody } from './bodies.js';
import { linkOfAttachment, plainLink } from './links.js';

export interface Module {
  id: string;
  courseId: string;
  title: string;
  position: number;
}

export interface Lesson {
  id: string;
  courseId: string;
  moduleId: string;
  title: string;
  kind: LessonKind;
  durationMinutes: number;
  isPreview: boolean;
  required: boolean;
  position: number;
  bodyRevision: string;
  updatedAt: Date;
}

/** A course's modules in order, each with its lessons in order. */
export type Outline = (Module & { lessons: Lesson[] })[];

/** Quiz of each quiz lesson that has one. */
export type QuizzesByLesson = ReadonlyMap<string, { quizId: string; questionCount: number }>;

/** A reorder names exactly the current ids, each once; anything else is refused with what differs. */
export function orderRefusal(current: readonly string[], proposed: readonly string[], what: 'moduleIds' | 'lessonIds'): Rejection | undefined {
  const known = new Set(current);
  const seen = new Set<string>();
  const repeated = [...new Set(proposed.filter((id) => seen.size === seen.add(id).size))];
  const unknown = proposed.filter((id) => !known.has(id));
  const missing = current.filter((id) => !seen.has(id));
  if (repeated.length + unknown.length + missing.length === 0) return undefined;
  return {
    code: 'ORDER_MISMATCH',
    message: `${what} must list each of the current ${what === 'moduleIds' ? 'modules' : 'lessons'} exactly once.`,
    details: { field: what, missing, unknown, repeated },
  };
}

export function readinessOf(outline: Outline, quizzes: QuizzesByLesson, assignments: ReadonlySet<string>): OutlineReadiness {
  const lessons = outline.flatMap((module) => module.lessons);
  return {
    lessonCount: lessons.length,
    quizLessonsWithoutQuestions: lessons.filter((lesson) => lesson.kind === 'quiz' && !quizzes.get(lesson.id)?.questionCount).map((lesson) => lesson.id),
    assignmentLessonsWithoutAssignment: lessons.filter((lesson) => lesson.kind === 'assignment' && !assignments.has(lesson.id)).map((lesson) => lesson.id),
  };
}

/** The outline as `course.structure_changed` carries it. */
export function structureOf(outline: Outline, quizzes: QuizzesByLesson): StructureModule[] {
  return outline.map((module) => ({
    moduleId: module.id,
    title: module.title,
    lessons: module.lessons.map((lesson) => ({
      lessonId: lesson.id,
      title: lesson.title,
      kind: lesson.kind,
      required: lesson.required,
      durationMinutes: lesson.durationMinutes,
      isPreview: lesson.isPreview,
      quizId: quizzes.get(lesson.id)?.quizId ?? null,
    })),
  }));
}

/**
 * A body as a command record carries it (nulls for absent fields), in the shape the HTTP schema
 * validates. URL attachments, which only commands written before file ids carry, become links.
 */
export function bodyInput(content: LessonContent): Record<string, unknown> {
  return {
    ...(content.markdown !== null ? { markdown: content.markdown } : {}),
    ...(content.videoUrl !== null ? { videoUrl: content.videoUrl } : {}),
    ...(content.videoFileId !== null ? { videoFileId: content.videoFileId } : {}),
    attachmentFileIds: content.attachmentFileIds,
    links: [...content.links.map(plainLink), ...content.attachments.map(linkOfAttachment)],
  };
}

/** The validated body as it is stored. */
export const storedBody = (body: RequestBody): LessonBody => ({
  markdown: body.markdown ?? null,
  videoUrl: body.videoUrl ?? null,
  videoFileId: body.videoFileId ?? null,
  attachmentFileIds: body.attachmentFileIds,
  links: body.links,
});

/** The file ids a body refers to, by what each is to the lesson. */
export function filesOf(body: LessonBody): { fileId: string; role: 'video' | 'attachment' }[] {
  return [
    ...(body.videoFileId ? [{ fileId: body.videoFileId, role: 'video' as const }] : []),
    ...body.attachmentFileIds.map((fileId) => ({ fileId, role: 'attachment' as const })),
  ];
}

/** A lesson's changed fields; a kind change away from `quiz` (`assignment`) is refused while it has a quiz (an assignment). */
export function decideLessonUpdate(
  lesson: Lesson,
  command: UpdateLesson,
  has: { quiz: boolean; assignment: boolean },
): Decision<{ fields: Partial<Pick<Lesson, 'title' | 'kind' | 'durationMinutes' | 'isPreview' | 'required'>>; body: LessonBody | null }> {
  const given = Object.fromEntries(
    (['title', 'kind', 'durationMinutes', 'isPreview', 'required', 'body'] as const)
      .filter((field) => command[field] !== null)
      .map((field) => [field, field === 'body' && command.body ? bodyInput(command.body) : command[field]]),
  );
  const parsed = UpdateLessonRequest.safeParse(given);
  if (!parsed.success) return reject('VALIDATION_ERROR', 'The lesson is not valid.', fieldIssues(parsed.error.issues));
  const { body, ...fields } = parsed.data;
  if (fields.kind && fields.kind !== 'quiz' && lesson.kind === 'quiz' && has.quiz) {
    return reject('LESSON_HAS_QUIZ', 'This lesson has a quiz; it stays a quiz lesson (remove the lesson instead).');
  }
  if (fields.kind && fields.kind !== 'assignment' && lesson.kind === 'assignment' && has.assignment) {
    return reject('LESSON_HAS_ASSIGNMENT', 'This lesson has an assignment; it stays an assignment lesson (remove the lesson instead).');
  }
  return accept({ fields, body: body ? storedBody(body) : null });
}

/** Whether a change of these fields changes the structure other services replicate. */
export const touchesStructure = (fields: Partial<Lesson>): boolean =>
  ['title', 'kind', 'required', 'durationMinutes', 'isPreview'].some((field) => field in fields);
