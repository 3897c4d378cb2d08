import type { StructureLesson } from '../courses/rules.js';

/** A student's latest grade on one assignment, as the course service last announced it. */
export interface AssignmentGrade {
  assignmentId: string;
  lessonId: string;
  percent: number;
  passed: boolean;
}

export const isAssignmentLesson = (lesson: StructureLesson): boolean => lesson.kind === 'assignment';

/** Assignment lessons of the structure whose latest grade passed and that are not complete yet, in outline order. */
export function passedAssignmentLessons(lessons: readonly StructureLesson[], grades: readonly AssignmentGrade[], completed: ReadonlySet<string>): string[] {
  const passed = new Set(grades.filter((grade) => grade.passed).map((grade) => grade.lessonId));
  return lessons
    .filter((lesson) => isAssignmentLesson(lesson) && !completed.has(lesson.lessonId) && passed.has(lesson.lessonId))
    .map((lesson) => lesson.lessonId);
}
