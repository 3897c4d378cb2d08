import { describe, expect, it } from '@jest/globals';
import { passedAssignmentLessons } from './rules.js';

const lesson = (lessonId: string, kind: string) => ({ lessonId, kind, required: true, quizId: null });

describe('assignment lessons completed by a grade', () => {
  const lessons = [lesson('t', 'theory'), lesson('a1', 'assignment'), lesson('a2', 'assignment'), lesson('q', 'quiz')];
  const grades = [
    { assignmentId: 'x1', lessonId: 'a1', percent: 80, passed: true },
    { assignmentId: 'x2', lessonId: 'a2', percent: 30, passed: false },
  ];

  it('completes the assignment lessons whose latest grade passed, in outline order, once', () => {
    expect(passedAssignmentLessons(lessons, grades, new Set())).toEqual(['a1']);
    expect(passedAssignmentLessons(lessons, grades, new Set(['a1']))).toEqual([]);
  });

  it('ignores a passing grade of a lesson that is not an assignment lesson of the structure', () => {
    expect(passedAssignmentLessons(lessons, [{ assignmentId: 'x', lessonId: 't', percent: 100, passed: true }], new Set())).toEqual([]);
    expect(passedAssignmentLessons(lessons, [{ assignmentId: 'x', lessonId: 'gone', percent: 100, passed: true }], new Set())).toEqual([]);
  });
});
