import type { EnrollmentStatus, GradebookColumn, GradebookRow, LessonGrade } from '@smartcourse/contracts';

/** What the gradebook needs of an enrollment. */
export interface GradebookEnrollment {
  id: string;
  studentId: string;
  status: EnrollmentStatus;
  percent: number;
  enrolledAt: Date;
}

/**
 * The course score: the mean of the percents of the graded columns, rounded to two decimals;
 * a column without a grade does not count (it shows empty), and null while no column is graded.
 */
export function courseScoreOf(columns: readonly GradebookColumn[], grades: ReadonlyMap<string, LessonGrade>): number | null {
  const percents = columns.flatMap((column) => {
    const grade = grades.get(column.lessonId);
    return grade && grade.kind === column.kind ? [grade.percent] : [];
  });
  if (percents.length === 0) return null;
  return Math.round((percents.reduce((sum, percent) => sum + percent, 0) / percents.length) * 100) / 100;
}

/** One student's row: a grade or null for every column (a grade of a lesson no longer in the structure does not show). */
export function gradebookRow(enrollment: GradebookEnrollment, columns: readonly GradebookColumn[], grades: ReadonlyMap<string, LessonGrade>): GradebookRow {
  const shown = new Map(
    columns.flatMap((column) => {
      const grade = grades.get(column.lessonId);
      return grade && grade.kind === column.kind ? [[column.lessonId, grade] as const] : [];
    }),
  );
  return {
    enrollmentId: enrollment.id,
    studentId: enrollment.studentId,
    status: enrollment.status,
    progressPercent: enrollment.percent,
    courseScorePercent: courseScoreOf(columns, shown),
    gradedCount: shown.size,
    grades: Object.fromEntries(columns.map((column) => [column.lessonId, shown.get(column.lessonId) ?? null])),
  };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, its quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, a tab or CR) gets a
 * leading apostrophe: lesson titles are written by instructors and opened by others.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 has it. */
export const csvRecord = (fields: readonly (string | number | null)[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** The header record: the row's figures, then one column per graded lesson, named by its place, title and kind. */
export const csvHeader = (columns: readonly GradebookColumn[]): string =>
  csvRecord([
    'enrollment_id',
    'student_id',
    'status',
    'progress_percent',
    'course_score_percent',
    ...columns.map((column) => `${column.order}. ${column.title ?? column.lessonId} (${column.kind})`),
  ]);

/** A student's record: each graded lesson's percent, empty without a grade. */
export const csvRow = (row: GradebookRow, columns: readonly GradebookColumn[]): string =>
  csvRecord([
    row.enrollmentId,
    row.studentId,
    row.status,
    row.progressPercent,
    row.courseScorePercent,
    ...columns.map((column) => row.grades[column.lessonId]?.percent ?? null),
  ]);
