import { describe, expect, it } from '@jest/globals';
import { answerIssues, gradeSubmission, normalizeShortAnswer, percentOf, pointsFor, quizGrade, validateQuiz, type QuizQuestion } from './rules.js';

const settings = { title: 'Checkpoint', passMarkPercent: 60, shuffle: false, gradingMethod: 'highest' };
const single = {
  kind: 'single',
  prompt: 'Capital of France?',
  points: 2,
  options: [
    { id: 'a', text: 'Paris' },
    { id: 'b', text: 'Lyon' },
  ],
  correct: ['a'],
};
const multiple = {
  kind: 'multiple',
  prompt: 'Primes?',
  points: 3,
  options: [
    { id: 'p2', text: '2' },
    { id: 'p3', text: '3' },
    { id: 'p4', text: '4' },
  ],
  correct: ['p2', 'p3'],
};
const trueFalse = {
  kind: 'true_false',
  prompt: 'Kafka keeps order per partition.',
  points: 1,
  options: [
    { id: 't', text: 'True' },
    { id: 'f', text: 'False' },
  ],
  correct: ['t'],
};
const shortAnswer = { kind: 'short_answer', prompt: 'Who wrote Dune?', points: 4, correct: ['Frank Herbert'] };

const question = (fields: object, id: string): QuizQuestion => {
  const given = fields as Omit<QuizQuestion, 'id' | 'options'> & { options?: QuizQuestion['options'] };
  return { ...given, options: given.options ?? [], id };
};
const shown = [question(single, 'q1'), question(multiple, 'q2'), question(trueFalse, 'q3'), question(shortAnswer, 'q4')];
const paths = (decision: ReturnType<typeof validateQuiz>) =>
  decision.kind === 'rejected' ? (decision.rejection.details as { path: string }[]).map((issue) => issue.path) : [];

describe('setting a quiz', () => {
  it('accepts one question of each kind, with defaults for the optional settings', () => {
    const decision = validateQuiz({ ...settings, questions: [single, multiple, trueFalse, shortAnswer] });
    expect(decision.kind).toBe('accepted');
    if (decision.kind !== 'accepted') return;
    expect(decision.change).toMatchObject({ timeLimitSeconds: null, maxAttempts: null, gradingMethod: 'highest' });
    expect(decision.change.questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'true_false', 'short_answer']);
    expect(decision.change.questions[3]?.options).toEqual([]);
  });

  it('refuses a question without any correct answer', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, correct: [] }] }))).toEqual(['questions.0.correct']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...shortAnswer, correct: [] }] }))).toEqual(['questions.0.correct']);
  });

  it('refuses a key naming an option the question does not have', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, correct: ['z'] }] }))).toEqual(['questions.0.correct']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...multiple, correct: ['p2', 'nope'] }] }))).toEqual(['questions.0.correct']);
  });

  it('refuses a single choice or true/false with more than one correct option', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, correct: ['a', 'b'] }] }))).toEqual(['questions.0.correct']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...trueFalse, correct: ['t', 'f'] }] }))).toEqual(['questions.0.correct']);
  });

  it('refuses a true/false question without exactly two options', () => {
    const three = { ...trueFalse, options: [...trueFalse.options, { id: 'm', text: 'Maybe' }] };
    expect(paths(validateQuiz({ ...settings, questions: [three] }))).toEqual(['questions.0.options']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...trueFalse, options: [{ id: 't', text: 'True' }] }] }))).toEqual(['questions.0.options']);
  });

  it('refuses options on a short answer, repeated option ids, and repeated question ids', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...shortAnswer, options: [{ id: 'x', text: 'X' }] }] }))).toEqual(['questions.0.options']);
    const twice = {
      ...single,
      options: [
        { id: 'a', text: 'Paris' },
        { id: 'a', text: 'Lyon' },
      ],
    };
    expect(paths(validateQuiz({ ...settings, questions: [twice] }))).toEqual(['questions.0.options']);
    const id = '0b7e3a52-8c1d-4c1e-9a55-3f7c2f0d9a11';
    expect(
      paths(
        validateQuiz({
          ...settings,
          questions: [
            { ...single, id },
            { ...trueFalse, id },
          ],
        }),
      ),
    ).toEqual(['questions']);
  });

  it('refuses accepted answers that are the same once normalised', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...shortAnswer, correct: ['Frank Herbert', ' frank  HERBERT '] }] }))).toEqual([
      'questions.0.correct',
    ]);
  });

  it('refuses bad shapes with field details: points, pass mark, kinds, empty quizzes, unknown fields', () => {
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, points: 0 }] }))).toEqual(['questions.0.points']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, points: 1.5 }] }))).toEqual(['questions.0.points']);
    expect(paths(validateQuiz({ ...settings, passMarkPercent: 101, questions: [single] }))).toEqual(['passMarkPercent']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, kind: 'essay' }] }))).toEqual(['questions.0.kind']);
    expect(paths(validateQuiz({ ...settings, questions: [] }))).toEqual(['questions']);
    expect(paths(validateQuiz({ ...settings, questions: [{ ...single, hint: 'a' }] }))).toEqual(['questions.0.hint']);
  });
});

describe('grading', () => {
  it('matches short answers after trimming, case folding and collapsing spaces', () => {
    const q = question(shortAnswer, 'q4');
    expect(pointsFor(q, { questionId: 'q4', text: '  frank   HERBERT\t' })).toBe(4);
    expect(pointsFor(q, { questionId: 'q4', text: 'Frank Herbet' })).toBe(0);
    expect(normalizeShortAnswer('STRASSE')).toBe(normalizeShortAnswer('Straße'));
    expect(normalizeShortAnswer('Ｐａｒｉｓ')).toBe('paris');
  });

  it('scores a multiple choice only when the chosen set equals the key', () => {
    const q = question(multiple, 'q2');
    expect(pointsFor(q, { questionId: 'q2', optionIds: ['p3', 'p2'] })).toBe(3);
    expect(pointsFor(q, { questionId: 'q2', optionIds: ['p2'] })).toBe(0);
    expect(pointsFor(q, { questionId: 'q2', optionIds: ['p2', 'p3', 'p4'] })).toBe(0);
    expect(pointsFor(q, { questionId: 'q2', optionIds: [] })).toBe(0);
  });

  it('scores a single choice and a true/false when the one chosen is the key', () => {
    expect(pointsFor(question(single, 'q1'), { questionId: 'q1', optionIds: ['a'] })).toBe(2);
    expect(pointsFor(question(single, 'q1'), { questionId: 'q1', optionIds: ['b'] })).toBe(0);
    expect(pointsFor(question(trueFalse, 'q3'), { questionId: 'q3', optionIds: ['t'] })).toBe(1);
    expect(pointsFor(question(trueFalse, 'q3'), { questionId: 'q3', optionIds: ['f'] })).toBe(0);
  });

  it('adds the points, gives the percent with two decimals, and passes at the pass mark', () => {
    const answers = [
      { questionId: 'q1', optionIds: ['a'] },
      { questionId: 'q2', optionIds: ['p2'] },
      { questionId: 'q3', optionIds: ['t'] },
    ];
    expect(gradeSubmission(shown, answers, 30)).toEqual({ score: 3, maxScore: 10, percent: 30, passed: true });
    expect(gradeSubmission(shown, answers, 31)).toMatchObject({ passed: false });
    expect(gradeSubmission(shown, [], 0)).toEqual({ score: 0, maxScore: 10, percent: 0, passed: true });
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(1, 3)).toBe(33.33);
  });

  it('refuses answers that do not fit the attempt, without naming any key', () => {
    const issues = answerIssues(shown, [
      { questionId: 'q1', optionIds: ['a', 'b'] },
      { questionId: 'q2', optionIds: ['zz'] },
      { questionId: 'q4', optionIds: ['a'] },
      { questionId: 'q3', text: 'true' },
      { questionId: 'unknown', text: 'x' },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      'answers.0.optionIds',
      'answers.1.optionIds',
      'answers.2.optionIds',
      'answers.3.text',
      'answers.4.questionId',
    ]);
    expect(JSON.stringify(issues)).not.toContain('Frank');
    expect(answerIssues(shown, [{ questionId: 'q1' }, { questionId: 'q1' }]).map((issue) => issue.path)).toEqual(['answers']);
  });
});

describe('the quiz grade', () => {
  const attempts = [
    { attemptNumber: 1, percent: 80, passed: true },
    { attemptNumber: 2, percent: 40, passed: false },
  ];

  it('is the best attempt with the highest method', () => {
    expect(quizGrade('highest', attempts)).toEqual({ percent: 80, passed: true });
  });

  it('is the latest attempt with the last method', () => {
    expect(quizGrade('last', attempts)).toEqual({ percent: 40, passed: false });
    expect(quizGrade('last', [...attempts].reverse())).toEqual({ percent: 40, passed: false });
  });
});
