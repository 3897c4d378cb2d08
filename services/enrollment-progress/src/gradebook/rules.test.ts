import { describe, expect, it } from '@jest/globals';
import type { GradebookColumn, LessonGrade } from '@smartcourse/contracts';
import { courseScoreOf, csvField, csvHeader, csvRecord, csvRow, gradebookRow, type GradebookEnrollment } from './rules.js';

const columns: GradebookColumn[] = [
  { lessonId: 'q1', title: 'Warm-up quiz', kind: 'quiz', order: 2 },
  { lessonId: 'a1', title: 'Essay, "final"', kind: 'assignment', order: 3 },
  { lessonId: 'q2', title: null, kind: 'quiz', order: 5 },
];
const quiz = (percent: number): LessonGrade => ({ kind: 'quiz', percent, passed: percent >= 50, attemptNumber: 1, gradedAt: '2026-01-01T00:00:00.000Z' });
const assignment = (percent: number): LessonGrade => ({
  kind: 'assignment',
  percent,
  passed: percent >= 60,
  score: percent / 10,
  maxScore: 10,
  latePenaltyPercent: 0,
  revision: 1,
  gradedAt: '2026-01-02T00:00:00.000Z',
});
const enrollment: GradebookEnrollment = { id: 'e1', studentId: 's1', status: 'active', percent: 40, enrolledAt: new Date('2026-01-01') };

describe('course score', () => {
  it('is the mean of the graded columns, two decimals; a missing grade does not count', () => {
    expect(courseScoreOf(columns, new Map([['q1', quiz(80)]]))).toBe(80);
    expect(
      courseScoreOf(
        columns,
        new Map([
          ['q1', quiz(80)],
          ['a1', assignment(65)],
        ]),
      ),
    ).toBe(72.5);
    expect(
      courseScoreOf(
        columns,
        new Map([
          ['q1', quiz(100)],
          ['a1', assignment(0)],
          ['q2', quiz(0)],
        ]),
      ),
    ).toBe(33.33);
  });

  it('is null while nothing is graded, and ignores grades of lessons that are not columns or of another kind', () => {
    expect(courseScoreOf(columns, new Map())).toBeNull();
    expect(courseScoreOf(columns, new Map([['gone', quiz(90)]]))).toBeNull();
    expect(courseScoreOf(columns, new Map([['q1', assignment(90)]]))).toBeNull();
  });
});

describe('a gradebook row', () => {
  it('has every column, null where ungraded, and the figures of the enrollment', () => {
    const row = gradebookRow(
      enrollment,
      columns,
      new Map([
        ['a1', assignment(70)],
        ['gone', quiz(10)],
      ]),
    );
    expect(row).toEqual({
      enrollmentId: 'e1',
      studentId: 's1',
      status: 'active',
      progressPercent: 40,
      courseScorePercent: 70,
      gradedCount: 1,
      grades: { q1: null, a1: assignment(70), q2: null },
    });
  });
});

describe('CSV', () => {
  it('quotes a field holding a comma, a quote, CR or LF, doubling its quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(72.5)).toBe('72.5');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-1)).toBe('-1');
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('names the columns by place, title (or lesson id) and kind, and writes each grade as its percent', () => {
    expect(csvHeader(columns)).toBe(
      'enrollment_id,student_id,status,progress_percent,course_score_percent,2. Warm-up quiz (quiz),"3. Essay, ""final"" (assignment)",5. q2 (quiz)\r\n',
    );
    const row = gradebookRow(
      enrollment,
      columns,
      new Map([
        ['q1', quiz(90)],
        ['a1', assignment(75)],
      ]),
    );
    expect(csvRow(row, columns)).toBe('e1,s1,active,40,82.5,90,75,\r\n');
  });
});
