import { describe, expect, it } from '@jest/globals';
import type { LessonContent, UpdateLesson } from '@smartcourse/contracts';
import { decideLessonUpdate, filesOf, orderRefusal, readinessOf, structureOf, type Lesson, type Outline } from './rules.js';

function lesson(id: string, overrides: Partial<Lesson> = {}): Lesson {
  return {
    id,
    courseId: 'c',
    moduleId: 'm',
    title: id,
    kind: 'theory',
    durationMinutes: 5,
    isPreview: false,
    required: true,
    position: 1,
    bodyRevision: 'r',
    updatedAt: new Date(0),
    ...overrides,
  };
}

const outline: Outline = [
  { id: 'm1', courseId: 'c', title: 'One', position: 1, lessons: [lesson('a'), lesson('q', { kind: 'quiz' })] },
  { id: 'm2', courseId: 'c', title: 'Two', position: 2, lessons: [lesson('b', { required: false })] },
];

const update = (overrides: Partial<UpdateLesson>): UpdateLesson => ({
  commandId: 'x',
  issuedAt: 0,
  actor: { userId: 'u', role: 'instructor' },
  lessonId: 'a',
  title: null,
  kind: null,
  durationMinutes: null,
  isPreview: null,
  required: null,
  body: null,
  ...overrides,
});

const content = (overrides: Partial<LessonContent>): LessonContent => ({
  markdown: null,
  videoUrl: null,
  videoFileId: null,
  attachmentFileIds: [],
  links: [],
  attachments: [],
  ...overrides,
});

describe('reordering', () => {
  it('accepts exactly the current set in any order', () => {
    expect(orderRefusal(['a', 'b', 'c'], ['c', 'a', 'b'], 'lessonIds')).toBeUndefined();
  });

  it('refuses a missing, an unknown or a repeated id, naming each', () => {
    expect(orderRefusal(['a', 'b', 'c'], ['a', 'a', 'x'], 'lessonIds')).toEqual({
      code: 'ORDER_MISMATCH',
      message: expect.any(String),
      details: { field: 'lessonIds', missing: ['b', 'c'], unknown: ['x'], repeated: ['a'] },
    });
  });
});

describe('the outline other services replicate', () => {
  it('lists modules and lessons in order with kind, required flag and quiz id', () => {
    const structure = structureOf(outline, new Map([['q', { quizId: 'quiz-1', questionCount: 2 }]]));
    expect(structure.map((module) => [module.moduleId, module.lessons.map((l) => [l.lessonId, l.kind, l.required, l.quizId])])).toEqual([
      [
        'm1',
        [
          ['a', 'theory', true, null],
          ['q', 'quiz', true, 'quiz-1'],
        ],
      ],
      ['m2', [['b', 'theory', false, null]]],
    ]);
  });

  it('finds quiz lessons without a quiz or without questions', () => {
    expect(readinessOf(outline, new Map(), new Set())).toEqual({ lessonCount: 3, quizLessonsWithoutQuestions: ['q'], assignmentLessonsWithoutAssignment: [] });
    expect(readinessOf(outline, new Map([['q', { quizId: 'quiz-1', questionCount: 0 }]]), new Set()).quizLessonsWithoutQuestions).toEqual(['q']);
    expect(readinessOf(outline, new Map([['q', { quizId: 'quiz-1', questionCount: 1 }]]), new Set()).quizLessonsWithoutQuestions).toEqual([]);
  });

  it('finds assignment lessons without their assignment', () => {
    const withWork: Outline = [{ id: 'm3', courseId: 'c', title: 'Three', position: 1, lessons: [lesson('w', { kind: 'assignment' }), lesson('t')] }];
    expect(readinessOf(withWork, new Map(), new Set()).assignmentLessonsWithoutAssignment).toEqual(['w']);
    expect(readinessOf(withWork, new Map(), new Set(['w'])).assignmentLessonsWithoutAssignment).toEqual([]);
  });
});

describe('changing a lesson', () => {
  const none = { quiz: false, assignment: false };

  it('keeps a lesson with a quiz a quiz lesson', () => {
    expect(decideLessonUpdate(lesson('q', { kind: 'quiz' }), update({ lessonId: 'q', kind: 'theory' }), { quiz: true, assignment: false })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'LESSON_HAS_QUIZ' },
    });
    expect(decideLessonUpdate(lesson('q', { kind: 'quiz' }), update({ lessonId: 'q', kind: 'theory' }), none).kind).toBe('accepted');
  });

  it('keeps a lesson with an assignment an assignment lesson', () => {
    const work = lesson('w', { kind: 'assignment' });
    expect(decideLessonUpdate(work, update({ lessonId: 'w', kind: 'theory' }), { quiz: false, assignment: true })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'LESSON_HAS_ASSIGNMENT' },
    });
    expect(decideLessonUpdate(work, update({ lessonId: 'w', kind: 'theory' }), none).kind).toBe('accepted');
    expect(decideLessonUpdate(work, update({ lessonId: 'w', title: 'Essay' }), { quiz: false, assignment: true }).kind).toBe('accepted');
  });

  it('validates the given fields and replaces the body whole', () => {
    expect(decideLessonUpdate(lesson('a'), update({ title: '' }), none)).toMatchObject({ kind: 'rejected', rejection: { code: 'VALIDATION_ERROR' } });
    expect(decideLessonUpdate(lesson('a'), update({ body: content({ markdown: 'new' }) }), none)).toEqual({
      kind: 'accepted',
      change: { fields: {}, body: { markdown: 'new', videoUrl: null, videoFileId: null, attachmentFileIds: [], links: [] } },
    });
  });

  it('takes file ids once each, refuses what is not a file id, and keeps URL attachments of older commands as links', () => {
    const video = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const sheet = '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d';
    const body = content({
      videoFileId: video,
      attachmentFileIds: [sheet, sheet],
      links: [{ title: null, url: 'https://example.test/reading', sizeBytes: null, contentType: null }],
      attachments: [{ name: 'schedule.pdf', url: 'https://files.example.test/schedule.pdf', sizeBytes: 2048, contentType: null }],
    });
    const decision = decideLessonUpdate(lesson('a'), update({ body }), { quiz: false, assignment: false });
    expect(decision).toEqual({
      kind: 'accepted',
      change: {
        fields: {},
        body: {
          markdown: null,
          videoUrl: null,
          videoFileId: video,
          attachmentFileIds: [sheet],
          links: [{ url: 'https://example.test/reading' }, { title: 'schedule.pdf', url: 'https://files.example.test/schedule.pdf', sizeBytes: 2048 }],
        },
      },
    });
    if (decision.kind !== 'accepted' || !decision.change.body) throw new Error('accepted with a body');
    expect(filesOf(decision.change.body)).toEqual([
      { fileId: video, role: 'video' },
      { fileId: sheet, role: 'attachment' },
    ]);
    expect(decideLessonUpdate(lesson('a'), update({ body: content({ attachmentFileIds: ['sheet.pdf'] }) }), { quiz: false, assignment: false })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', details: [{ path: 'body.attachmentFileIds.0' }] },
    });
  });
});
