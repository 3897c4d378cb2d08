import { describe, expect, it } from '@jest/globals';
import { figuresOf, passedQuizLessons, scorePercentOf } from './rules.js';

const lesson = (lessonId: string, kind = 'theory', required = true, quizId: string | null = null) => ({ lessonId, kind, required, quizId });

describe('progress figures', () => {
  it('counts required lessons of the current structure only, rounded down', () => {
    const lessons = [lesson('a'), lesson('b'), lesson('c'), lesson('o', 'theory', false)];
    expect(figuresOf(lessons, new Set(['a', 'o', 'gone']))).toEqual({ percent: 33, requiredLessonCount: 3, completedRequiredCount: 1, allRequiredDone: false });
    expect(figuresOf(lessons, new Set(['a', 'b', 'c'])).allRequiredDone).toBe(true);
  });

  it('never completes a structure without required lessons', () => {
    expect(figuresOf([lesson('o', 'theory', false)], new Set(['o']))).toMatchObject({ percent: 0, allRequiredDone: false });
    expect(figuresOf([], new Set())).toMatchObject({ percent: 0, allRequiredDone: false });
  });

  it('completes quiz lessons only from a passing grade, and scores the mean of the quiz grades', () => {
    const lessons = [lesson('t'), lesson('q1', 'quiz', true, 'quiz-1'), lesson('q2', 'quiz', true, 'quiz-2')];
    const grades = [
      { quizId: 'quiz-1', lessonId: 'q1', gradePercent: 70, passed: true },
      { quizId: 'quiz-2', lessonId: 'q2', gradePercent: 45, passed: false },
    ];
    expect(passedQuizLessons(lessons, grades, new Set())).toEqual(['q1']);
    expect(passedQuizLessons(lessons, grades, new Set(['q1']))).toEqual([]);
    expect(scorePercentOf(lessons, grades)).toBe(58);
    expect(scorePercentOf([lesson('t')], grades)).toBeNull();
  });
});
