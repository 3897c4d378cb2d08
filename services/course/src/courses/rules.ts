import { CreateCourseRequest, UpdateCourseRequest, type CourseLevel, type CourseStatus, type CreateCourse, type UpdateCourse } from '@smartcourse/contracts';
import { accept, fieldIssues, reject, type Actor, type Decision, type Rejection } from '@smartcourse/platform';

/** A course's own facts (its outline lives with the outline feature). */
export interface Course {
  id: string;
  slug: string;
  instructorId: string;
  title: string;
  summary: string;
  description: string | null;
  category: string | null;
  tags: string[];
  level: CourseLevel;
  language: string;
  priceCents: number;
  currency: string;
  thumbnailUrl: string | null;
  /** A course-thumbnail file of the media service. */
  thumbnailFileId: string | null;
  status: CourseStatus;
  structureVersion: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** Set at the first publication and never cleared: such a course can no longer be deleted. */
  firstPublishedAt: Date | null;
  archivedAt: Date | null;
}

/** The catalog facts a create or an update sets. */
export type CourseFacts = Pick<
  Course,
  'title' | 'summary' | 'description' | 'category' | 'tags' | 'level' | 'language' | 'priceCents' | 'currency' | 'thumbnailUrl' | 'thumbnailFileId'
>;

/** What the outline says about publishing: counted by the outline feature. */
export interface OutlineReadiness {
  lessonCount: number;
  /** Quiz lessons without a quiz, or whose quiz has no question. */
  quizLessonsWithoutQuestions: string[];
  /** Assignment lessons whose assignment is not set yet. */
  assignmentLessonsWithoutAssignment: string[];
}

/**
 * Owner rights need the role as well as the course: an instructor demoted to student keeps their
 * courses (the instructor id stays) but no longer the rights over them.
 */
export const isOwner = (course: Pick<Course, 'instructorId'>, actor: Actor) =>
  actor.role === 'admin' || (actor.role === 'instructor' && course.instructorId === actor.userId);

const notFound = (): Rejection => ({ code: 'COURSE_NOT_FOUND', message: 'No such course.' });

/**
 * Who may change a course: its instructor or an admin. To anyone else a draft does not exist
 * (404) and any other course is not theirs (403). An archived course no longer changes.
 */
export function authoringRefusal(course: Course | undefined, actor: Actor): Rejection | undefined {
  if (!course) return notFound();
  if (!isOwner(course, actor)) {
    return course.status === 'draft' ? notFound() : { code: 'FORBIDDEN', message: 'Only the instructor of this course or an admin may change it.' };
  }
  if (course.status === 'archived') return { code: 'COURSE_ARCHIVED', message: 'The course is archived and no longer changes.' };
  return undefined;
}

/** The catalog facts a create or an update command carries. */
const factFields = [
  'title',
  'summary',
  'description',
  'category',
  'tags',
  'level',
  'language',
  'priceCents',
  'currency',
  'thumbnailUrl',
  'thumbnailFileId',
] as const;

/** Who may read a course: anyone when published, its owner and admins always, its enrolled students unless it is a draft. */
export function canRead(course: Course, actor: Actor | undefined, enrolled: boolean): boolean {
  if (course.status === 'published') return true;
  if (actor && isOwner(course, actor)) return true;
  return course.status !== 'draft' && enrolled;
}

function validationRejection(issues: Parameters<typeof fieldIssues>[0]) {
  return reject('VALIDATION_ERROR', 'The course is not valid.', fieldIssues(issues));
}

export function decideCreate(existing: Course | undefined, command: CreateCourse): Decision<CourseFacts> {
  if (command.actor.role !== 'instructor' && command.actor.role !== 'admin') return reject('FORBIDDEN', 'Only instructors and admins create courses.');
  if (existing) return reject('COURSE_ID_TAKEN', 'A course with this id exists.');
  const parsed = CreateCourseRequest.safeParse(withoutNulls(command, factFields));
  if (!parsed.success) return validationRejection(parsed.error.issues);
  const facts = parsed.data;
  return accept({
    title: facts.title,
    summary: facts.summary,
    description: facts.description ?? null,
    category: facts.category ?? null,
    tags: facts.tags,
    level: facts.level,
    language: facts.language,
    priceCents: facts.priceCents,
    currency: facts.currency,
    thumbnailUrl: facts.thumbnailUrl ?? null,
    thumbnailFileId: facts.thumbnailFileId ?? null,
  });
}

const clearable = ['description', 'category', 'thumbnailUrl', 'thumbnailFileId'] as const;

/** A partial update: the facts after it, and the names of those that changed. */
export function decideUpdate(course: Course | undefined, command: UpdateCourse): Decision<{ facts: CourseFacts; changed: string[] }> {
  const refusal = authoringRefusal(course, command.actor);
  if (refusal || !course) return { kind: 'rejected', rejection: refusal ?? notFound() };
  const given: Record<string, unknown> = withoutNulls(command, factFields);
  for (const field of command.clear) {
    if ((clearable as readonly string[]).includes(field)) given[field] = null;
  }
  const parsed = UpdateCourseRequest.safeParse(given);
  if (!parsed.success) return validationRejection(parsed.error.issues);
  const current: CourseFacts = {
    title: course.title,
    summary: course.summary,
    description: course.description,
    category: course.category,
    tags: course.tags,
    level: course.level,
    language: course.language,
    priceCents: course.priceCents,
    currency: course.currency,
    thumbnailUrl: course.thumbnailUrl,
    thumbnailFileId: course.thumbnailFileId,
  };
  const facts = { ...current, ...parsed.data } as CourseFacts;
  const changed = (Object.keys(current) as (keyof CourseFacts)[]).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(facts[key]));
  return changed.length === 0 ? { kind: 'unchanged' } : accept({ facts, changed });
}

/** Publishable: at least one lesson, every quiz lesson with a quiz that has questions, every assignment lesson with its assignment. */
export function decidePublish(course: Course | undefined, actor: Actor, outline: OutlineReadiness): Decision<{ status: 'published' }> {
  const refusal = authoringRefusal(course, actor);
  if (refusal || !course) return { kind: 'rejected', rejection: refusal ?? notFound() };
  if (course.status === 'published') return { kind: 'unchanged' };
  const reasons: string[] = [];
  if (outline.lessonCount === 0) reasons.push('the course has no lesson');
  for (const lessonId of outline.quizLessonsWithoutQuestions) reasons.push(`quiz lesson ${lessonId} has no quiz with questions`);
  for (const lessonId of outline.assignmentLessonsWithoutAssignment) reasons.push(`assignment lesson ${lessonId} has no assignment`);
  if (reasons.length > 0)
    return reject('COURSE_NOT_PUBLISHABLE', `The course cannot be published: ${reasons.join('; ')}.`, {
      reasons,
      lessonIds: [...outline.quizLessonsWithoutQuestions, ...outline.assignmentLessonsWithoutAssignment],
    });
  return accept({ status: 'published' });
}

export function decideUnpublish(course: Course | undefined, actor: Actor): Decision<{ status: 'unpublished' }> {
  const refusal = authoringRefusal(course, actor);
  if (refusal || !course) return { kind: 'rejected', rejection: refusal ?? notFound() };
  if (course.status === 'unpublished') return { kind: 'unchanged' };
  if (course.status !== 'published') return reject('INVALID_STATUS_CHANGE', `A ${course.status} course cannot be unpublished.`);
  return accept({ status: 'unpublished' });
}

export function decideArchive(course: Course | undefined, actor: Actor): Decision<{ status: 'archived' }> {
  if (course?.status === 'archived' && isOwner(course, actor)) return { kind: 'unchanged' };
  const refusal = authoringRefusal(course, actor);
  if (refusal || !course) return { kind: 'rejected', rejection: refusal ?? notFound() };
  return accept({ status: 'archived' });
}

/** Only a draft never published is deleted; a course students may have seen is archived instead. */
export function decideDelete(course: Course | undefined, actor: Actor): Decision<{ deleted: true }> {
  const refusal = authoringRefusal(course, actor);
  if (refusal && !(refusal.code === 'COURSE_ARCHIVED' && course)) return { kind: 'rejected', rejection: refusal };
  if (!course) return { kind: 'rejected', rejection: notFound() };
  if (course.status !== 'draft' || course.firstPublishedAt) {
    return reject('COURSE_NOT_DELETABLE', 'Only a draft that was never published can be deleted; archive this course instead.');
  }
  return accept({ deleted: true });
}

/** URL slug of a title: lower case ASCII words joined by hyphens (diacritics dropped). */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'course';
}

/** The first free slug: the base, else base-2, base-3, … after the highest taken. */
export function nextFreeSlug(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  const suffixes = taken
    .map((slug) => new RegExp(`^${base}-(\\d+)$`).exec(slug)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return `${base}-${Math.max(1, ...suffixes) + 1}`;
}

/** The given fields of a command record, leaving out the nulls that mean "not given". */
function withoutNulls<C extends object>(command: C, fields: readonly (keyof C & string)[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => command[field] !== null && command[field] !== undefined).map((field) => [field, command[field]]));
}
