import { describe, expect, it } from '@jest/globals';
import { closesAt, daysLate, decideGrade, decideSubmit, gradeOf, latePenaltyPercent } from './rules.js';

const due = new Date('2026-03-01T12:00:00Z');
const hours = (n: number) => new Date(due.getTime() + n * 3_600_000);

const assignment = {
  dueAt: due,
  lateUntil: hours(24 * 5),
  latePenaltyPercentPerDay: 10,
  maxScore: 50,
  passMarkPercent: 60,
  allowResubmission: true,
  fileRequired: false,
  maxFiles: 2,
};
const none = { fileCount: 0 };

describe('the late penalty', () => {
  it('counts a started day whole, from the due date', () => {
    expect(daysLate(assignment, hours(-1))).toBe(0);
    expect(daysLate(assignment, due)).toBe(0);
    expect(daysLate(assignment, new Date(due.getTime() + 1))).toBe(1);
    expect(daysLate(assignment, hours(24))).toBe(1);
    expect(daysLate(assignment, hours(25))).toBe(2);
  });

  it('is days late × the penalty per day, capped at 100', () => {
    expect(latePenaltyPercent(assignment, hours(30))).toBe(20);
    expect(latePenaltyPercent({ ...assignment, latePenaltyPercentPerDay: 45 }, hours(24 * 3))).toBe(100);
    expect(latePenaltyPercent({ ...assignment, dueAt: null }, hours(1000))).toBe(0);
  });

  it('takes the penalty off the given score, and passes on the final percent', () => {
    expect(gradeOf(assignment, hours(30), 40)).toEqual({ score: 40, latePenaltyPercent: 20, finalScore: 32, maxScore: 50, percent: 64, passed: true });
    expect(gradeOf(assignment, hours(50), 40)).toMatchObject({ latePenaltyPercent: 30, finalScore: 28, percent: 56, passed: false });
    expect(gradeOf(assignment, hours(-5), 30)).toMatchObject({ latePenaltyPercent: 0, finalScore: 30, percent: 60, passed: true });
    expect(gradeOf({ ...assignment, maxScore: 3 }, hours(-5), 2)).toMatchObject({ percent: 66.67 });
  });
});

describe('handing in work', () => {
  it('takes it on time, and marks it late after the due date until the late limit', () => {
    expect(decideSubmit(assignment, [], none, hours(-1))).toEqual({ kind: 'submit', version: 1, late: false });
    expect(decideSubmit(assignment, [], none, hours(3))).toEqual({ kind: 'submit', version: 1, late: true });
  });

  it('closes after the late limit, or after the due date without one, and never without dates', () => {
    expect(decideSubmit(assignment, [], none, hours(24 * 5 + 1))).toMatchObject({ kind: 'refused', rejection: { code: 'SUBMISSION_CLOSED' } });
    const noLateLimit = { ...assignment, lateUntil: null };
    expect(closesAt(noLateLimit)).toEqual(due);
    expect(decideSubmit(noLateLimit, [], none, hours(1))).toMatchObject({ kind: 'refused', rejection: { code: 'SUBMISSION_CLOSED' } });
    expect(decideSubmit({ ...assignment, dueAt: null, lateUntil: null }, [], none, hours(10_000))).toEqual({ kind: 'submit', version: 1, late: false });
  });

  it('numbers a resubmission after the latest version while it is not graded', () => {
    expect(
      decideSubmit(
        assignment,
        [
          { version: 1, status: 'submitted' },
          { version: 2, status: 'submitted' },
        ],
        none,
        due,
      ),
    ).toMatchObject({ version: 3 });
    expect(decideSubmit(assignment, [{ version: 1, status: 'graded' }], none, due)).toMatchObject({ rejection: { code: 'RESUBMISSION_NOT_ALLOWED' } });
    expect(decideSubmit({ ...assignment, allowResubmission: false }, [{ version: 1, status: 'submitted' }], none, due)).toMatchObject({
      rejection: { code: 'RESUBMISSION_NOT_ALLOWED' },
    });
  });

  it('asks for a file when one is required, and no more than allowed', () => {
    expect(decideSubmit({ ...assignment, fileRequired: true }, [], none, due)).toMatchObject({ rejection: { code: 'FILE_REQUIRED' } });
    expect(decideSubmit({ ...assignment, fileRequired: true }, [], { fileCount: 1 }, due)).toMatchObject({ kind: 'submit' });
    expect(decideSubmit(assignment, [], { fileCount: 3 }, due)).toMatchObject({ rejection: { code: 'TOO_MANY_FILES', details: { maxFiles: 2 } } });
  });
});

describe('grading', () => {
  const latest = { id: 's2', version: 2, submittedAt: hours(30) };

  it('refuses a score above the maximum, naming it', () => {
    expect(decideGrade(assignment, latest, latest, 50.5)).toMatchObject({
      kind: 'refused',
      rejection: { code: 'SCORE_ABOVE_MAXIMUM', details: { maxScore: 50 } },
    });
    expect(decideGrade(assignment, latest, latest, 50)).toMatchObject({ kind: 'grade', grade: { finalScore: 40, latePenaltyPercent: 20 } });
  });

  it('grades only the latest version', () => {
    expect(decideGrade(assignment, { id: 's1', version: 1, submittedAt: hours(-1) }, latest, 10)).toMatchObject({
      rejection: { code: 'SUBMISSION_SUPERSEDED', details: { latestSubmissionId: 's2' } },
    });
  });
});
