import { describe, expect, it } from '@jest/globals';
import type { QuizQuestion } from '../quizzes/rules.js';
import { attemptQuestions, decideStart, decideSubmit, isOverdue, statusAt, type Attempt } from './rules.js';

const questions: QuizQuestion[] = [
  {
    id: 'q1',
    kind: 'single',
    prompt: 'Pick',
    points: 1,
    options: [
      { id: 'right', text: 'A' },
      { id: 'wrong', text: 'B' },
      { id: 'other', text: 'C' },
    ],
    correct: ['right'],
  },
  {
    id: 'q2',
    kind: 'true_false',
    prompt: 'True?',
    points: 1,
    options: [
      { id: 'yes', text: 'True' },
      { id: 'no', text: 'False' },
    ],
    correct: ['no'],
  },
  { id: 'q3', kind: 'short_answer', prompt: 'Say', points: 1, options: [], correct: ['hello'] },
];

const start = new Date('2026-01-01T10:00:00Z');
const at = (seconds: number) => ({ now: new Date(start.getTime() + seconds * 1000), graceSeconds: 30 });

function attempt(fields: Partial<Attempt> = {}): Attempt {
  return {
    id: 'att-1',
    quizId: 'quiz',
    studentId: 'student',
    attemptNumber: 1,
    quizVersion: 1,
    questions,
    passMarkPercent: 50,
    status: 'open',
    startedAt: start,
    deadline: new Date(start.getTime() + 60_000),
    submittedAt: null,
    score: null,
    maxScore: 3,
    percent: null,
    passed: null,
    ...fields,
  };
}

describe('the questions an attempt shows', () => {
  let counter = 0;
  const newOptionId = () => `o${(counter += 1)}`;

  it("renames every option, keeps the key on the new ids, and never shows an author's option id", () => {
    const shown = attemptQuestions(questions, { shuffle: false, random: Math.random, newOptionId });
    expect(shown.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    const [q1, q2] = shown;
    expect(q1?.options.map((option) => option.text)).toEqual(['A', 'B', 'C']);
    expect(q1?.correct).toEqual([q1?.options[0]?.id]);
    expect(q2?.correct).toEqual([q2?.options[1]?.id]);
    expect(JSON.stringify(shown.map((q) => q.options))).not.toMatch(/right|wrong|other|yes|no"/);
  });

  it('shuffles questions and choice options with shuffle, leaving true/false in its order', () => {
    // Fisher–Yates with every draw 0: [A, B, C] becomes [B, C, A].
    const draws = [0, 0, 0, 0, 0];
    const shown = attemptQuestions(questions, { shuffle: true, random: () => draws.shift() ?? 0, newOptionId });
    expect(shown.map((q) => q.id).sort()).toEqual(['q1', 'q2', 'q3']);
    const q1 = shown.find((q) => q.id === 'q1');
    expect(q1?.options.map((option) => option.text)).toEqual(['B', 'C', 'A']);
    expect(q1?.options.find((option) => option.id === q1.correct[0])?.text).toBe('A');
    expect(shown.find((q) => q.id === 'q2')?.options.map((option) => option.text)).toEqual(['True', 'False']);
  });
});

describe('starting an attempt', () => {
  it('numbers the first attempt 1 and the next after the highest', () => {
    expect(decideStart([], 3, at(0))).toEqual({ kind: 'start', attemptNumber: 1, expire: undefined });
    expect(decideStart([attempt({ status: 'submitted' })], 3, at(0))).toMatchObject({ kind: 'start', attemptNumber: 2 });
  });

  it('refuses while an attempt is open, naming it', () => {
    expect(decideStart([attempt()], null, at(85))).toMatchObject({
      kind: 'refused',
      rejection: { code: 'ATTEMPT_IN_PROGRESS', details: { attemptId: 'att-1' } },
    });
  });

  it('closes an open attempt past its deadline and grace as expired, and counts it', () => {
    const open = attempt();
    expect(decideStart([open], 2, at(91))).toEqual({ kind: 'start', attemptNumber: 2, expire: open });
    expect(decideStart([open], 1, at(91))).toMatchObject({ kind: 'refused', expire: open, rejection: { code: 'MAX_ATTEMPTS_REACHED' } });
  });

  it('refuses past the maximum, and never limits a quiz without one', () => {
    const done = [attempt({ status: 'submitted' }), attempt({ id: 'att-2', attemptNumber: 2, status: 'expired' })];
    expect(decideStart(done, 2, at(0))).toMatchObject({ kind: 'refused', rejection: { code: 'MAX_ATTEMPTS_REACHED' } });
    expect(decideStart(done, null, at(0))).toMatchObject({ kind: 'start', attemptNumber: 3 });
  });

  it('keeps an attempt without a time limit open for ever', () => {
    expect(isOverdue(attempt({ deadline: null }), at(1_000_000))).toBe(false);
  });
});

describe('submitting an attempt', () => {
  const answers = [
    { questionId: 'q1', optionIds: ['b', 'a'] },
    { questionId: 'q2', text: 'Bowline' },
  ];
  const fresh = { stored: null, now: answers };

  it('takes a submit up to the deadline plus the grace, by the given clock', () => {
    expect(decideSubmit(attempt(), at(90), fresh)).toEqual({ kind: 'grade' });
    expect(decideSubmit(attempt(), at(91), fresh)).toMatchObject({ kind: 'refused', expire: true, rejection: { code: 'ATTEMPT_EXPIRED' } });
    expect(statusAt(attempt(), at(91))).toBe('expired');
  });

  it('takes it once: other answers are refused, the same ones (in any order) replay the grade', () => {
    const submitted = attempt({ status: 'submitted' });
    expect(decideSubmit(submitted, at(1), { stored: answers, now: [{ questionId: 'q1', optionIds: ['a'] }, answers[1]!] })).toMatchObject({
      rejection: { code: 'ATTEMPT_ALREADY_SUBMITTED' },
    });
    expect(decideSubmit(submitted, at(1), { stored: answers, now: [answers[1]!, { questionId: 'q1', optionIds: ['a', 'b'] }] })).toEqual({ kind: 'replay' });
    expect(decideSubmit(attempt({ status: 'expired' }), at(1), fresh)).toMatchObject({ expire: false, rejection: { code: 'ATTEMPT_EXPIRED' } });
  });
});
