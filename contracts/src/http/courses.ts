import { z } from 'zod';
import { PageMeta } from './admin.js';
import { queryFlag, trimmedPattern, trimmedText } from './text.js';

/** Request and response bodies of the course routes, shared by the gateway and the course service. */

export const courseLevels = ['beginner', 'intermediate', 'advanced'] as const;
export const lessonKinds = ['theory', 'video', 'quiz', 'practice', 'assignment'] as const;
export const courseStatuses = ['draft', 'published', 'unpublished', 'archived'] as const;
export const courseSorts = ['relevance', 'newest', 'title', 'price'] as const;

export const CourseLevel = z.enum(courseLevels);
export const LessonKind = z.enum(lessonKinds);
export const CourseStatus = z.enum(courseStatuses);
export type CourseLevel = z.infer<typeof CourseLevel>;
export type LessonKind = z.infer<typeof LessonKind>;
export type CourseStatus = z.infer<typeof CourseStatus>;

/** ISO 4217 codes the runtime knows (Intl's list: every current currency). */
const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

export const Title = trimmedText(1, 200);
const summary = trimmedText(1, 1000);
const description = z.string().max(20_000);
const category = z.string().trim().toLowerCase().min(1).max(60).regex(trimmedPattern);
const tag = z.string().trim().toLowerCase().min(1).max(40).regex(trimmedPattern);
const tags = z
  .array(tag)
  .max(20)
  .transform((list) => [...new Set(list)]);
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => currencies.has(code), 'not an ISO 4217 currency code')
  .meta({ enum: [...currencies] });
/**
 * The document states the common form (language, script, region); the check takes any tag Intl
 * can canonicalize (extensions, variants) and keeps its canonical spelling.
 */
const languageForm = '^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$';
const language = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .refine((tag) => canonicalLanguage(tag) !== undefined, 'not a BCP 47 language tag (e.g. en, pt-BR)')
  .meta({ pattern: languageForm })
  .transform((tag) => canonicalLanguage(tag) as string);
const priceCents = z.number().int().min(0).max(100_000_000);
export const WebUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const CreateCourseRequest = z.strictObject({
  title: Title,
  summary,
  description: description.optional(),
  category: category.optional(),
  tags: tags.default([]),
  level: CourseLevel,
  language,
  priceCents,
  currency,
  thumbnailUrl: WebUrl.optional(),
  /** A course-thumbnail file of the media service (the caller's own upload, or any file for an admin). */
  thumbnailFileId: z.uuid().optional(),
});
export type CreateCourseRequest = z.infer<typeof CreateCourseRequest>;

/** A partial update; `null` clears an optional field. */
export const UpdateCourseRequest = z
  .strictObject({
    title: Title.optional(),
    summary: summary.optional(),
    description: description.nullable().optional(),
    category: category.nullable().optional(),
    tags: tags.optional(),
    level: CourseLevel.optional(),
    language: language.optional(),
    priceCents: priceCents.optional(),
    currency: currency.optional(),
    thumbnailUrl: WebUrl.nullable().optional(),
    thumbnailFileId: z.uuid().nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' })
  .meta({ minProperties: 1 });
export type UpdateCourseRequest = z.infer<typeof UpdateCourseRequest>;

const page = z.coerce.number().int().min(1).max(10_000).default(1);
const perPage = z.coerce.number().int().min(1).max(100).default(20);

/** `GET /api/courses`: the catalog of published courses. Without `sort`, a search ranks by relevance, else newest first. */
export const CourseListQuery = z.strictObject({
  q: trimmedText(1, 200).optional(),
  category: category.optional(),
  tag: tag.optional(),
  level: CourseLevel.optional(),
  free: queryFlag().optional(),
  instructorId: z.uuid().optional(),
  sort: z.enum(courseSorts).optional(),
  page,
  per_page: perPage,
});
export type CourseListQuery = z.infer<typeof CourseListQuery>;

export const InstructorCourseQuery = z.strictObject({ status: CourseStatus.optional(), page, per_page: perPage });
export type InstructorCourseQuery = z.infer<typeof InstructorCourseQuery>;

const sizeBytes = z
  .number()
  .int()
  .min(0)
  .max(10 * 1024 ** 3);

/** A link to content held elsewhere; URL attachments of lessons written before file ids became links. */
export const LessonLink = z.strictObject({
  title: trimmedText(1, 200).optional(),
  url: WebUrl,
  sizeBytes: sizeBytes.optional(),
  contentType: trimmedText(3, 100).optional(),
});
export type LessonLink = z.infer<typeof LessonLink>;

/** Ids of the media service's files, each once, in the order given. */
const fileIds = z
  .array(z.uuid())
  .max(20)
  .transform((ids) => [...new Set(ids)]);

export const LessonBody = z.strictObject({
  markdown: z.string().max(200_000).optional(),
  /** An external video (a link); an uploaded one is `videoFileId`. */
  videoUrl: WebUrl.optional(),
  /** A lesson-video file of the media service. */
  videoFileId: z.uuid().optional(),
  /** Lesson-attachment files of the media service. */
  attachmentFileIds: fileIds.default([]),
  links: z.array(LessonLink).max(20).default([]),
});
export type LessonBody = z.infer<typeof LessonBody>;

const durationMinutes = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const CreateLessonRequest = z.strictObject({
  title: Title,
  kind: LessonKind,
  durationMinutes,
  isPreview: z.boolean().default(false),
  required: z.boolean().default(true),
  body: LessonBody.default({ attachmentFileIds: [], links: [] }),
});
export type CreateLessonRequest = z.infer<typeof CreateLessonRequest>;

/** A partial update; a body replaces the whole body. */
export const UpdateLessonRequest = z
  .strictObject({
    title: Title.optional(),
    kind: LessonKind.optional(),
    durationMinutes: durationMinutes.optional(),
    isPreview: z.boolean().optional(),
    required: z.boolean().optional(),
    body: LessonBody.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' })
  .meta({ minProperties: 1 });
export type UpdateLessonRequest = z.infer<typeof UpdateLessonRequest>;

export const ModuleRequest = z.strictObject({ title: Title });
export type ModuleRequest = z.infer<typeof ModuleRequest>;

const orderIds = z.array(z.uuid()).min(1).max(500);
export const ModuleOrderRequest = z.strictObject({ moduleIds: orderIds });
export type ModuleOrderRequest = z.infer<typeof ModuleOrderRequest>;
export const LessonOrderRequest = z.strictObject({ lessonIds: orderIds });
export type LessonOrderRequest = z.infer<typeof LessonOrderRequest>;

export const CourseParams = z.strictObject({ courseId: z.uuid() });
export type CourseParams = z.infer<typeof CourseParams>;
export const ModuleParams = z.strictObject({ courseId: z.uuid(), moduleId: z.uuid() });
export type ModuleParams = z.infer<typeof ModuleParams>;
export const LessonParams = z.strictObject({ lessonId: z.uuid() });
export type LessonParams = z.infer<typeof LessonParams>;

export const OutlineLesson = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: LessonKind,
  durationMinutes: z.number().int(),
  isPreview: z.boolean(),
  required: z.boolean(),
  position: z.number().int(),
  quizId: z.uuid().nullable(),
});

export const OutlineModule = z.object({ id: z.uuid(), title: z.string(), position: z.number().int(), lessons: z.array(OutlineLesson) });

const courseFields = {
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  level: CourseLevel,
  language: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  isFree: z.boolean(),
  thumbnailUrl: z.string().nullable(),
  thumbnailFileId: z.uuid().nullable(),
  status: CourseStatus,
  instructor: z.object({ id: z.uuid(), fullName: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
};

/** A catalog entry: the course without its outline. */
export const CourseSummary = z.object({ ...courseFields, lessonCount: z.number().int(), durationMinutes: z.number().int() });
export const CourseList = z.object({ data: z.array(CourseSummary), meta: PageMeta });

/** A course with its outline (no lesson bodies). */
export const Course = z.object({
  ...courseFields,
  description: z.string().nullable(),
  structureVersion: z.number().int(),
  archivedAt: z.string().nullable(),
  modules: z.array(OutlineModule),
});
export type Course = z.infer<typeof Course>;

export const InstructorCourse = z.object({
  ...courseFields,
  lessonCount: z.number().int(),
  durationMinutes: z.number().int(),
  enrollmentCount: z.number().int(),
});
export const InstructorCourseList = z.object({ data: z.array(InstructorCourse), meta: PageMeta });

export const Lesson = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  moduleId: z.uuid(),
  title: z.string(),
  kind: LessonKind,
  durationMinutes: z.number().int(),
  isPreview: z.boolean(),
  required: z.boolean(),
  position: z.number().int(),
  quizId: z.uuid().nullable(),
  body: z.object({
    markdown: z.string().nullable(),
    videoUrl: z.string().nullable(),
    videoFileId: z.uuid().nullable(),
    attachmentFileIds: z.array(z.uuid()),
    links: z.array(LessonLink),
  }),
  updatedAt: z.string(),
});
export type Lesson = z.infer<typeof Lesson>;
