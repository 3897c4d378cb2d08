import type { Course as CourseView, CourseSummary } from '@smartcourse/contracts';
import type { z } from 'zod';
import type { Outline, QuizzesByLesson } from '../outline/rules.js';
import { outlineLessonView } from '../outline/views.js';
import type { Course } from './rules.js';
import type { CatalogEntry } from './store.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function courseFields(course: Course, instructorName: string | null) {
  return {
    id: course.id,
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    category: course.category,
    tags: course.tags,
    level: course.level,
    language: course.language,
    priceCents: course.priceCents,
    currency: course.currency,
    isFree: course.priceCents === 0,
    thumbnailUrl: course.thumbnailUrl,
    thumbnailFileId: course.thumbnailFileId,
    status: course.status,
    instructor: { id: course.instructorId, fullName: instructorName },
    createdAt: course.createdAt.toISOString(),
    updatedAt: course.updatedAt.toISOString(),
    publishedAt: iso(course.publishedAt),
  };
}

/** A catalog entry as the API answers it. */
export function summaryView(entry: CatalogEntry): z.infer<typeof CourseSummary> {
  return { ...courseFields(entry, entry.instructorName), lessonCount: entry.lessonCount, durationMinutes: entry.durationMinutes };
}

/** A course with its outline (no bodies), as the API answers it. */
export function courseView(course: Course, outline: Outline, quizzes: QuizzesByLesson, instructorName: string | null): CourseView {
  return {
    ...courseFields(course, instructorName),
    description: course.description,
    structureVersion: course.structureVersion,
    archivedAt: iso(course.archivedAt),
    modules: outline.map((module) => ({
      id: module.id,
      title: module.title,
      position: module.position,
      lessons: module.lessons.map((lesson) => outlineLessonView(lesson, quizzes)),
    })),
  };
}
