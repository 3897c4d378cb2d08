import { describe, expect, it } from '@jest/globals';
import type { CreateCourse, UpdateCourse } from '@smartcourse/contracts';
import {
  authoringRefusal,
  canRead,
  decideArchive,
  decideCreate,
  decideDelete,
  decidePublish,
  decideUnpublish,
  decideUpdate,
  nextFreeSlug,
  slugOf,
  type Course,
} from './rules.js';

const owner = { userId: 'owner-1', role: 'instructor' };
const rival = { userId: 'rival-1', role: 'instructor' };
const admin = { userId: 'admin-1', role: 'admin' };
const student = { userId: 'student-1', role: 'student' };

function course(overrides: Partial<Course> = {}): Course {
  const now = new Date('2026-12-01T10:00:00Z');
  return {
    id: 'course-1',
    slug: 'bread',
    instructorId: owner.userId,
    title: 'Bread',
    summary: 'Baking bread.',
    description: null,
    category: null,
    tags: [],
    level: 'beginner',
    language: 'en',
    priceCents: 0,
    currency: 'EUR',
    thumbnailUrl: null,
    thumbnailFileId: null,
    status: 'draft',
    structureVersion: 0,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
    firstPublishedAt: null,
    archivedAt: null,
    ...overrides,
  };
}

const envelope = (actor = owner) => ({ commandId: 'command-1', issuedAt: 0, actor });
const createCommand = (overrides: Partial<CreateCourse> = {}): CreateCourse => ({
  ...envelope(),
  courseId: 'course-1',
  title: '  Bread  ',
  summary: 'Baking bread.',
  description: null,
  category: 'Cooking',
  tags: ['Bread', 'bread'],
  level: 'beginner',
  language: 'pt-br',
  priceCents: 0,
  currency: 'eur',
  thumbnailUrl: null,
  thumbnailFileId: null,
  ...overrides,
});
const updateCommand = (overrides: Partial<UpdateCourse> = {}): UpdateCourse => ({
  ...envelope(),
  courseId: 'course-1',
  title: null,
  summary: null,
  description: null,
  category: null,
  tags: null,
  level: null,
  language: null,
  priceCents: null,
  currency: null,
  thumbnailUrl: null,
  thumbnailFileId: null,
  clear: [],
  ...overrides,
});
const ready = { lessonCount: 1, quizLessonsWithoutQuestions: [], assignmentLessonsWithoutAssignment: [] };

describe('creating a course', () => {
  it('normalises the facts: trimmed title, lower-case unique tags and category, canonical language, upper-case currency', () => {
    expect(decideCreate(undefined, createCommand())).toEqual({
      kind: 'accepted',
      change: expect.objectContaining({ title: 'Bread', tags: ['bread'], category: 'cooking', language: 'pt-BR', currency: 'EUR' }),
    });
  });

  it('refuses students, a negative price, an unknown currency and an over-long title, with the fields named', () => {
    expect(decideCreate(undefined, createCommand({ actor: student }))).toMatchObject({ kind: 'rejected', rejection: { code: 'FORBIDDEN' } });
    const refused = decideCreate(undefined, createCommand({ priceCents: -1, currency: 'XYZ', title: 'x'.repeat(201) }));
    expect(refused.kind).toBe('rejected');
    if (refused.kind === 'rejected')
      expect((refused.rejection.details as { path: string }[]).map((issue) => issue.path).sort()).toEqual(['currency', 'priceCents', 'title']);
  });
});

describe('who may change and read a course', () => {
  it("hides someone else's draft (404) and refuses their other courses (403); admins may do anything", () => {
    expect(authoringRefusal(course(), rival)?.code).toBe('COURSE_NOT_FOUND');
    expect(authoringRefusal(course({ status: 'published' }), rival)?.code).toBe('FORBIDDEN');
    expect(authoringRefusal(course({ status: 'published' }), admin)).toBeUndefined();
    expect(authoringRefusal(course({ status: 'archived' }), owner)?.code).toBe('COURSE_ARCHIVED');
  });

  it('takes owner rights from an instructor demoted to student: their draft is hidden, their published course refused', () => {
    const demoted = { ...owner, role: 'student' };
    expect(authoringRefusal(course(), demoted)?.code).toBe('COURSE_NOT_FOUND');
    expect(authoringRefusal(course({ status: 'published' }), demoted)?.code).toBe('FORBIDDEN');
    expect(canRead(course(), demoted, false)).toBe(false);
  });

  it('shows published courses to anyone, drafts to owner and admins only, the rest also to enrolled students', () => {
    expect(canRead(course({ status: 'published' }), undefined, false)).toBe(true);
    expect(canRead(course(), student, true)).toBe(false);
    expect(canRead(course(), admin, false)).toBe(true);
    expect(canRead(course({ status: 'unpublished' }), student, true)).toBe(true);
    expect(canRead(course({ status: 'archived' }), student, false)).toBe(false);
  });
});

describe('updating a course', () => {
  it('changes only what is given, clears what is named, and reports the changed fields', () => {
    const decision = decideUpdate(course({ category: 'cooking' }), updateCommand({ title: 'Better bread', clear: ['category'] }));
    expect(decision).toEqual({
      kind: 'accepted',
      change: { facts: expect.objectContaining({ title: 'Better bread', category: null, summary: 'Baking bread.' }), changed: ['title', 'category'] },
    });
  });

  it('sets a thumbnail file, refuses one that is not a file id, and clears it when named', () => {
    const fileId = '5f0c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f';
    expect(decideUpdate(course(), updateCommand({ thumbnailFileId: fileId }))).toMatchObject({
      kind: 'accepted',
      change: { facts: { thumbnailFileId: fileId }, changed: ['thumbnailFileId'] },
    });
    expect(decideUpdate(course(), updateCommand({ thumbnailFileId: 'thumb.png' }))).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', details: [{ path: 'thumbnailFileId' }] },
    });
    expect(decideUpdate(course({ thumbnailFileId: fileId }), updateCommand({ clear: ['thumbnailFileId'] }))).toMatchObject({
      kind: 'accepted',
      change: { facts: { thumbnailFileId: null }, changed: ['thumbnailFileId'] },
    });
  });

  it('is unchanged when nothing differs', () => {
    expect(decideUpdate(course(), updateCommand({ title: 'Bread' }))).toEqual({ kind: 'unchanged' });
  });
});

describe('status changes', () => {
  it('publishes only with a lesson, every quiz lesson with questions and every assignment lesson with its assignment', () => {
    expect(decidePublish(course(), owner, { ...ready, lessonCount: 0 })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'COURSE_NOT_PUBLISHABLE' },
    });
    expect(decidePublish(course(), owner, { ...ready, lessonCount: 2, quizLessonsWithoutQuestions: ['lesson-9'] })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'COURSE_NOT_PUBLISHABLE', details: { lessonIds: ['lesson-9'] } },
    });
    expect(decidePublish(course(), owner, { ...ready, assignmentLessonsWithoutAssignment: ['lesson-7'] })).toMatchObject({
      rejection: { code: 'COURSE_NOT_PUBLISHABLE', details: { lessonIds: ['lesson-7'], reasons: ['assignment lesson lesson-7 has no assignment'] } },
    });
    expect(decidePublish(course(), owner, ready)).toEqual({ kind: 'accepted', change: { status: 'published' } });
    expect(decidePublish(course({ status: 'published' }), owner, ready)).toEqual({ kind: 'unchanged' });
  });

  it('unpublishes only a published course, archives from any status once, and deletes only a draft never published', () => {
    expect(decideUnpublish(course(), owner)).toMatchObject({ kind: 'rejected', rejection: { code: 'INVALID_STATUS_CHANGE' } });
    expect(decideUnpublish(course({ status: 'published' }), owner).kind).toBe('accepted');
    expect(decideArchive(course({ status: 'archived' }), owner)).toEqual({ kind: 'unchanged' });
    expect(decideArchive(course(), owner).kind).toBe('accepted');
    expect(decideDelete(course(), owner).kind).toBe('accepted');
    expect(decideDelete(course({ firstPublishedAt: new Date() }), owner)).toMatchObject({ kind: 'rejected', rejection: { code: 'COURSE_NOT_DELETABLE' } });
    expect(decideDelete(course({ status: 'archived' }), owner)).toMatchObject({ kind: 'rejected', rejection: { code: 'COURSE_NOT_DELETABLE' } });
    expect(decideDelete(course(), rival)).toMatchObject({ kind: 'rejected', rejection: { code: 'COURSE_NOT_FOUND' } });
  });
});

describe('slugs', () => {
  it('derives lower-case ASCII words from the title and numbers the taken ones', () => {
    expect(slugOf('  Crème Brûlée: the Basics! ')).toBe('creme-brulee-the-basics');
    expect(slugOf('!!!')).toBe('course');
    expect(nextFreeSlug('bread', [])).toBe('bread');
    expect(nextFreeSlug('bread', ['bread'])).toBe('bread-2');
    expect(nextFreeSlug('bread', ['bread', 'bread-2', 'bread-7'])).toBe('bread-8');
  });
});
