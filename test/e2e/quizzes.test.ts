import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enroll } from '../support/enrollments.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

// The test platform gives no grace after a deadline (test/support/launcher.ts), so a 1-second time limit is over after a second.
usePlatform();

let instructor: Awaited<ReturnType<typeof newInstructor>>;
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'QuizAuthor');
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

const allKinds = [
  {
    kind: 'single',
    prompt: 'Which broker mode has no ZooKeeper?',
    points: 2,
    options: [
      { id: 'kraft', text: 'KRaft' },
      { id: 'zk', text: 'ZooKeeper mode' },
    ],
    correct: ['kraft'],
  },
  {
    kind: 'multiple',
    prompt: 'Which are Kafka clients?',
    points: 3,
    options: [
      { id: 'kjs', text: 'kafkajs' },
      { id: 'rdk', text: 'librdkafka' },
      { id: 'pg', text: 'node-postgres' },
    ],
    correct: ['kjs', 'rdk'],
  },
  {
    kind: 'true_false',
    prompt: 'Order is kept per partition.',
    points: 1,
    options: [
      { id: 't', text: 'True' },
      { id: 'f', text: 'False' },
    ],
    correct: ['t'],
  },
  { kind: 'short_answer', prompt: 'The serialisation format of our events?', points: 4, correct: ['Apache Avro', 'Avro'] },
];

const quizBody = (overrides: object = {}) => ({
  title: 'Kafka checkpoint',
  passMarkPercent: 60,
  shuffle: true,
  gradingMethod: 'highest',
  questions: allKinds,
  ...overrides,
});

type ShownQuestion = { id: string; kind: string; prompt: string; options: Array<{ id: string; text: string }> };

/** Answers by option text (what a student sees): the right ones, or the given wrong ones. */
function answersFor(questions: ShownQuestion[], pick: Record<string, string[] | string>) {
  return questions.map((q) => {
    const chosen = pick[q.kind]!;
    if (typeof chosen === 'string') return { questionId: q.id, text: chosen };
    return { questionId: q.id, optionIds: chosen.map((text) => q.options.find((o) => o.text === text)!.id) };
  });
}
const right = { single: ['KRaft'], multiple: ['librdkafka', 'kafkajs'], true_false: ['True'], short_answer: '  apache   AVRO ' };
const halfRight = { single: ['KRaft'], multiple: ['kafkajs'], true_false: ['False'], short_answer: 'Avro' };

/** A published course with one quiz lesson and its quiz, and an enrolled student the course service already knows. */
async function publishedQuiz(overrides: object = {}) {
  const token = instructor.token;
  const course = await api('POST', '/api/courses', {
    token,
    body: { title: `Streams ${randomUUID().slice(0, 8)}`, summary: 'Events, end to end.', level: 'beginner', language: 'en', priceCents: 0, currency: 'EUR' },
  });
  const courseId = course.body.data.id as string;
  const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Basics' } })).body.data.id as string;
  const lessonId = (
    await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, { token, body: { title: 'Checkpoint', kind: 'quiz', durationMinutes: 10 } })
  ).body.data.id as string;
  const set = await api('PUT', `/api/lessons/${lessonId}/quiz`, { token, body: quizBody(overrides) });
  expect(set.status).toBe(200);
  expect((await api('POST', `/api/courses/${courseId}/publish`, { token })).status).toBe(200);

  const student = await newUser('QuizTaker');
  await enroll(student.id, courseId);
  const visible = await eventually(
    () => api('GET', `/api/lessons/${lessonId}/quiz`, { token: student.token }),
    (answer) => answer.status === 200,
    20_000,
  );
  expect(visible.status).toBe(200);
  return { courseId, lessonId, quiz: set.body.data, student, studentQuiz: visible.body.data };
}

const start = (quizId: string, token: string, headers: Record<string, string> = {}) => api('POST', `/api/quizzes/${quizId}/attempts`, { token, headers });
const submit = (quizId: string, attemptId: string, token: string, answers: unknown) =>
  api('POST', `/api/quizzes/${quizId}/attempts/${attemptId}/submit`, { token, body: { answers } });

describe('quizzes through the gateway', () => {
  it('runs the whole cycle with each kind of question: keys for the owner, none for the student, grades announced', async () => {
    const { courseId, lessonId, quiz, student, studentQuiz } = await publishedQuiz();
    expect(quiz).toMatchObject({ lessonId, courseId, questionCount: 4, maxScore: 10, version: 1 });
    expect(quiz.questions.map((q: { correct: string[] }) => q.correct)).toEqual([['kraft'], ['kjs', 'rdk'], ['t'], ['Apache Avro', 'Avro']]);
    const owned = await api('GET', `/api/lessons/${lessonId}/quiz`, { token: instructor.token });
    expect(owned.body.data.questions[0].correct).toEqual(['kraft']);
    expect(studentQuiz.questions.map((q: { options: unknown[] }) => q.options)).toEqual([
      [{ text: 'KRaft' }, { text: 'ZooKeeper mode' }],
      [{ text: 'kafkajs' }, { text: 'librdkafka' }, { text: 'node-postgres' }],
      [{ text: 'True' }, { text: 'False' }],
      [],
    ]);
    expect(JSON.stringify(studentQuiz)).not.toMatch(/"correct"|kraft"|"kjs"|"rdk"|Apache Avro/);

    const first = await start(quiz.id, student.token);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ quizId: quiz.id, attemptNumber: 1, status: 'open', deadline: null, maxScore: 10 });
    expect(first.body.data.questions.map((q: ShownQuestion) => q.prompt).sort()).toEqual(allKinds.map((q) => q.prompt).sort());
    expect(JSON.stringify(first.body)).not.toMatch(/"correct"|"kraft"|"kjs"|"rdk"|Apache Avro/);

    const graded = await submit(quiz.id, first.body.data.attemptId, student.token, answersFor(first.body.data.questions, right));
    expect(graded.status).toBe(200);
    expect(graded.body.data).toEqual({
      attemptId: first.body.data.attemptId,
      quizId: quiz.id,
      attemptNumber: 1,
      score: 10,
      maxScore: 10,
      percent: 100,
      passed: true,
      quizGradePercent: 100,
      quizPassed: true,
    });
    expect((await submit(quiz.id, first.body.data.attemptId, student.token, [])).body.error.code).toBe('ATTEMPT_ALREADY_SUBMITTED');

    const second = await start(quiz.id, student.token);
    const worse = await submit(quiz.id, second.body.data.attemptId, student.token, answersFor(second.body.data.questions, halfRight));
    // single 2 + short answer 4 of 10; the multiple needs the whole set.
    expect(worse.body.data).toMatchObject({ attemptNumber: 2, score: 6, percent: 60, passed: true, quizGradePercent: 100, quizPassed: true });

    const mine = await api('GET', `/api/quizzes/${quiz.id}/attempts`, { token: student.token });
    expect(mine.body.meta).toMatchObject({ total: 2 });
    expect(mine.body.data.map((a: { attemptNumber: number; score: number }) => [a.attemptNumber, a.score])).toEqual([
      [2, 6],
      [1, 10],
    ]);
    expect((await api('GET', `/api/quizzes/${quiz.id}/attempts`, { token: instructor.token })).body.meta.total).toBe(2);

    const events = await eventually(
      async () => Promise.all((await readTopic('quiz.attempt_graded')).filter((r) => r.key === student.id).map((r) => decode(r))),
      (found) => found.length === 2,
    );
    expect(events).toEqual([
      expect.objectContaining({
        quizId: quiz.id,
        lessonId,
        courseId,
        studentId: student.id,
        attemptNumber: 1,
        score: 10,
        maxScore: 10,
        percent: 100,
        quizGradePercent: 100,
        quizPassed: true,
      }),
      expect.objectContaining({ attemptNumber: 2, score: 6, percent: 60, passed: true, quizGradePercent: 100 }),
    ]);
  });

  it('refuses the quiz to students who are not enrolled and its authoring to anyone but the owner', async () => {
    const { lessonId, quiz } = await publishedQuiz();
    const outsider = await newUser('Outsider');
    expect((await api('GET', `/api/lessons/${lessonId}/quiz`, { token: outsider.token })).body.error.code).toBe('ENROLLMENT_REQUIRED');
    expect((await start(quiz.id, outsider.token)).body.error.code).toBe('ENROLLMENT_REQUIRED');
    expect((await api('PUT', `/api/lessons/${lessonId}/quiz`, { token: outsider.token, body: quizBody() })).status).toBe(403);
    const invalid = await api('PUT', `/api/lessons/${lessonId}/quiz`, {
      token: instructor.token,
      body: quizBody({ questions: [{ ...allKinds[0], correct: ['nope'] }] }),
    });
    expect([invalid.status, invalid.body.error.details]).toEqual([400, [{ path: 'questions.0.correct', message: expect.any(String) }]]);
  });

  it('limits attempts, and replays a start retried with the same Idempotency-Key', async () => {
    const { quiz, student } = await publishedQuiz({ maxAttempts: 1 });
    const key = `start-${randomUUID()}`;
    const first = await start(quiz.id, student.token, { 'Idempotency-Key': key });
    const retried = await start(quiz.id, student.token, { 'Idempotency-Key': key });
    expect([first.status, retried.status]).toEqual([201, 201]);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.data.attemptId).toBe(first.body.data.attemptId);
    const open = await start(quiz.id, student.token);
    expect(open.body.error).toMatchObject({ code: 'ATTEMPT_IN_PROGRESS', details: { attemptId: first.body.data.attemptId } });

    await submit(quiz.id, first.body.data.attemptId, student.token, answersFor(first.body.data.questions, halfRight));
    const refused = await start(quiz.id, student.token);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'MAX_ATTEMPTS_REACHED']);
  });

  it("refuses a submit after the deadline by the server's clock", async () => {
    const { quiz, student } = await publishedQuiz({ timeLimitSeconds: 1 });
    const started = await start(quiz.id, student.token);
    expect(new Date(started.body.data.deadline).getTime() - new Date(started.body.data.startedAt).getTime()).toBe(1000);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const late = await submit(quiz.id, started.body.data.attemptId, student.token, answersFor(started.body.data.questions, right));
    expect([late.status, late.body.error.code]).toEqual([409, 'ATTEMPT_EXPIRED']);
    const listed = await api('GET', `/api/quizzes/${quiz.id}/attempts`, { token: student.token });
    expect(listed.body.data).toEqual([expect.objectContaining({ status: 'expired', score: 0, passed: false })]);
    // The expired attempt counts, and the next one starts.
    expect((await start(quiz.id, student.token)).body.data.attemptNumber).toBe(2);
  });
});
