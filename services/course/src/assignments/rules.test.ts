import { describe, expect, it } from '@jest/globals';
import { validateAssignment } from './rules.js';

const base = { instructions: 'Write an essay on idempotent consumers.', maxScore: 20, passMarkPercent: 50 };
const paths = (decision: ReturnType<typeof validateAssignment>) =>
  decision.kind === 'rejected' ? (decision.rejection.details as { path: string }[]).map((issue) => issue.path) : [];

describe('setting an assignment', () => {
  it('accepts the least, with defaults: no dates, no penalty, one submission, up to five files', () => {
    expect(validateAssignment(base)).toEqual({
      kind: 'accepted',
      change: { ...base, dueAt: null, lateUntil: null, latePenaltyPercentPerDay: 0, allowResubmission: false, fileRequired: false, maxFiles: 5 },
    });
  });

  it('keeps the dates as instants', () => {
    const decision = validateAssignment({ ...base, dueAt: '2026-03-01T12:00:00+02:00', lateUntil: '2026-03-03T10:00:00Z' });
    expect(decision).toMatchObject({ kind: 'accepted', change: { dueAt: new Date('2026-03-01T10:00:00Z'), lateUntil: new Date('2026-03-03T10:00:00Z') } });
  });

  it('refuses a late limit before the due date or without one', () => {
    expect(paths(validateAssignment({ ...base, dueAt: '2026-03-02T00:00:00Z', lateUntil: '2026-03-01T00:00:00Z' }))).toEqual(['lateUntil']);
    expect(paths(validateAssignment({ ...base, lateUntil: '2026-03-01T00:00:00Z' }))).toEqual(['lateUntil']);
  });

  it('refuses a required file with no file allowed', () => {
    expect(paths(validateAssignment({ ...base, fileRequired: true, maxFiles: 0 }))).toEqual(['maxFiles']);
  });

  it('refuses bad shapes with field details: penalty, pass mark, maximum, dates, unknown fields', () => {
    expect(paths(validateAssignment({ ...base, latePenaltyPercentPerDay: 101 }))).toEqual(['latePenaltyPercentPerDay']);
    expect(paths(validateAssignment({ ...base, latePenaltyPercentPerDay: -1 }))).toEqual(['latePenaltyPercentPerDay']);
    expect(paths(validateAssignment({ ...base, passMarkPercent: 101 }))).toEqual(['passMarkPercent']);
    expect(paths(validateAssignment({ ...base, maxScore: 0 }))).toEqual(['maxScore']);
    expect(paths(validateAssignment({ ...base, dueAt: 'tomorrow' }))).toEqual(['dueAt']);
    expect(paths(validateAssignment({ ...base, instructions: '  ' }))).toEqual(['instructions']);
    expect(paths(validateAssignment({ ...base, rubric: 'x' }))).toEqual(['rubric']);
  });
});
