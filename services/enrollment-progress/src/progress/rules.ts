import type { StructureLesson } from '../courses/rules.js';

/** A student's grade for one quiz, as the course service last announced it. */
export interface QuizGrade {
  quizId: string;
  lessonId: string;
  gradePercent: number;
  passed: boolean;
}

/** Progress figures against the current structure. */
export interface Figures {
  percent: number;
  requiredLessonCount: number;
  completedRequiredCount: number;
  /** Every required lesson is complete; a structure without required lessons never completes. */
  allRequiredDone: boolean;
}

/** percent = completed required lessons / required lessons, rounded down; 0 without required lessons. */
export function figuresOf(lessons: readonly StructureLesson[], completed: ReadonlySet<string>): Figures {
  const required = lessons.filter((lesson) => lesson.required);
  const done = required.filter((lesson) => completed.has(lesson.lessonId)).length;
  return {
    percent: required.length === 0 ? 0 : Math.floor((done * 100) / required.length),
    requiredLessonCount: required.length,
    completedRequiredCount: done,
    allRequiredDone: required.length > 0 && done === required.length,
  };
}

export const isQuizLesson = (lesson: StructureLesson): boolean => lesson.kind === 'quiz';

const gradeOfLesson = (lesson: StructureLesson, grades: readonly QuizGrade[]) =>
  grades.find((grade) => (lesson.quizId !== null && grade.quizId === lesson.quizId) || grade.lessonId === lesson.lessonId);

/** Quiz lessons of the structure whose quiz the student has passed and that are not complete yet, in outline order. */
export function passedQuizLessons(lessons: readonly StructureLesson[], grades: readonly QuizGrade[], completed: ReadonlySet<string>): string[] {
  return lessons
    .filter((lesson) => isQuizLesson(lesson) && !completed.has(lesson.lessonId) && gradeOfLesson(lesson, grades)?.passed === true)
    .map((lesson) => lesson.lessonId);
}

/** The mean of the grades of the course's quizzes (rounded), null when no quiz of the structure has a grade. */
export function scorePercentOf(lessons: readonly StructureLesson[], grades: readonly QuizGrade[]): number | null {
  const graded = lessons.filter(isQuizLesson).flatMap((lesson) => {
    const grade = gradeOfLesson(lesson, grades);
    return grade ? [grade.gradePercent] : [];
  });
  if (graded.length === 0) return null;
  return Math.round(graded.reduce((sum, grade) => sum + grade, 0) / graded.length);
}

/** The grades per quiz id, as the progress view shows them. */
export function gradesByQuiz(grades: readonly QuizGrade[]): Record<string, number> {
  return Object.fromEntries(grades.map((grade) => [grade.quizId, grade.gradePercent]));
}
