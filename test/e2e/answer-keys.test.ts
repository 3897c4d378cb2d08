import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { topics } from '@smartcourse/contracts';
import { enroll } from '../support/enrollments.js';
import { eventually } from '../support/eventually.js';
import { api, newUser, type Answer } from '../support/http.js';
import { closeKafka, decode, readTopic } from '../support/kafka.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

/**
 * Answer keys and students' answers never leave the course service: a quiz whose keys are
 * unique markers goes through attempts (right and wrong answers), then every topic of the
 * catalog, every response a student gets and the services' logs are searched for the markers.
 */
const platform = usePlatform();
let instructor: Awaited<ReturnType<typeof newInstructor>>;
beforeAll(async () => {
  instructor = await newInstructor(await newAdmin(), 'KeyKeeper');
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

const tag = randomUUID().replace(/-/g, '').slice(0, 12);
/** Only the key reveals these: the author's option ids (a student sees ids of the attempt) and the accepted short answer. */
const keyMarkers = {
  rightSingle: `keyid-right-single-${tag}`,
  wrongSingle: `keyid-wrong-single-${tag}`,
  rightMultipleA: `keyid-right-multi-a-${tag}`,
  rightMultipleB: `keyid-right-multi-b-${tag}`,
  wrongMultiple: `keyid-wrong-multi-${tag}`,
  rightTrue: `keyid-right-true-${tag}`,
  wrongFalse: `keyid-wrong-false-${tag}`,
  accepted: `acceptedanswer${tag}`,
};
/** The texts of the right options: a student reads them in the questions, but no topic, log, grade or list may carry them. */
const rightTexts = { single: `righttext-single-${tag}`, multipleA: `righttext-multi-a-${tag}`, multipleB: `righttext-multi-b-${tag}` };

const quiz = {
  title: 'Sealed quiz',
  passMarkPercent: 50,
  shuffle: true,
  gradingMethod: 'highest',
  questions: [
    {
      kind: 'single',
      prompt: 'Single',
      points: 1,
      options: [
        { id: keyMarkers.rightSingle, text: rightTexts.single },
        { id: keyMarkers.wrongSingle, text: 'plain wrong' },
      ],
      correct: [keyMarkers.rightSingle],
    },
    {
      kind: 'multiple',
      prompt: 'Multiple',
      points: 1,
      options: [
        { id: keyMarkers.rightMultipleA, text: rightTexts.multipleA },
        { id: keyMarkers.rightMultipleB, text: rightTexts.multipleB },
        { id: keyMarkers.wrongMultiple, text: 'another wrong' },
      ],
      correct: [keyMarkers.rightMultipleA, keyMarkers.rightMultipleB],
    },
    {
      kind: 'true_false',
      prompt: 'True or false',
      points: 1,
      options: [
        { id: keyMarkers.rightTrue, text: 'True' },
        { id: keyMarkers.wrongFalse, text: 'False' },
      ],
      correct: [keyMarkers.rightTrue],
    },
    { kind: 'short_answer', prompt: 'Type the word', points: 1, correct: [keyMarkers.accepted] },
  ],
};

type Shown = { id: string; kind: string; options: Array<{ id: string; text: string }> };
const rightAnswers = (questions: Shown[]) =>
  questions.map((q) => {
    if (q.kind === 'short_answer') return { questionId: q.id, text: keyMarkers.accepted.toUpperCase() };
    const texts = q.kind === 'single' ? [rightTexts.single] : q.kind === 'multiple' ? [rightTexts.multipleA, rightTexts.multipleB] : ['True'];
    return { questionId: q.id, optionIds: q.options.filter((o) => texts.includes(o.text)).map((o) => o.id) };
  });
const wrongAnswers = (questions: Shown[]) =>
  questions.map((q) =>
    q.kind === 'short_answer'
      ? { questionId: q.id, text: 'no idea' }
      : { questionId: q.id, optionIds: [q.options.find((o) => !Object.values(rightTexts).includes(o.text) && o.text !== 'True')!.id] },
  );

/** The markers found in a text, case-insensitively (a student may type the accepted answer in any case). */
const found = (text: string, markers: readonly string[]) => markers.filter((marker) => text.toLowerCase().includes(marker.toLowerCase()));

describe('answer keys', () => {
  it('appear in no topic, no response a student gets, and no log line', async () => {
    // Arrange: a published course whose quiz carries the markers, and an enrolled student.
    const token = instructor.token;
    const courseId = (
      await api('POST', '/api/courses', {
        token,
        body: { title: `Sealed ${tag}`, summary: 'Keys stay home.', level: 'advanced', language: 'en', priceCents: 0, currency: 'EUR' },
      })
    ).body.data.id;
    const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Only' } })).body.data.id;
    const lessonId = (
      await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, { token, body: { title: 'Exam', kind: 'quiz', durationMinutes: 5 } })
    ).body.data.id;
    const set = await api('PUT', `/api/lessons/${lessonId}/quiz`, { token, body: quiz });
    expect(set.status).toBe(200);
    expect(found(JSON.stringify(set.body), Object.values(keyMarkers))).toHaveLength(Object.values(keyMarkers).length);
    expect((await api('POST', `/api/courses/${courseId}/publish`, { token })).status).toBe(200);
    const student = await newUser('Examinee');
    await enroll(student.id, courseId);

    // Act: what a student does, keeping every answer they get.
    const studentSees: Answer[] = [];
    const read = await eventually(
      () => api('GET', `/api/lessons/${lessonId}/quiz`, { token: student.token }),
      (answer) => answer.status === 200,
      20_000,
    );
    studentSees.push(read);
    const quizId = set.body.data.id;
    for (const answers of [rightAnswers, wrongAnswers]) {
      const started = await api('POST', `/api/quizzes/${quizId}/attempts`, { token: student.token });
      expect(started.status).toBe(201);
      const submitted = await api('POST', `/api/quizzes/${quizId}/attempts/${started.body.data.attemptId}/submit`, {
        token: student.token,
        body: { answers: answers(started.body.data.questions) },
      });
      expect(submitted.status).toBe(200);
      studentSees.push(started, submitted);
    }
    const grades = studentSees.filter((answer) => answer.body?.data?.score !== undefined).map((answer) => answer.body.data.score);
    expect(grades).toEqual([4, 0]);
    const invalid = await api('POST', `/api/quizzes/${quizId}/attempts`, { token: student.token });
    studentSees.push(
      invalid,
      await api('POST', `/api/quizzes/${quizId}/attempts/${invalid.body.data.attemptId}/submit`, {
        token: student.token,
        body: { answers: [{ questionId: randomUUID(), text: keyMarkers.accepted }] },
      }),
    );
    studentSees.push(await api('GET', `/api/quizzes/${quizId}/attempts`, { token: student.token }));

    // Assert: the student's responses show no key; grades and lists show no option text either.
    const keys = Object.values(keyMarkers);
    for (const answer of studentSees) expect(found(JSON.stringify(answer.body), keys)).toEqual([]);
    const withoutQuestions = studentSees.filter((answer) => !Array.isArray(answer.body?.data?.questions));
    for (const answer of withoutQuestions) expect(found(JSON.stringify(answer.body), Object.values(rightTexts))).toEqual([]);

    // Every topic of the catalog, once the grades are published: keys, raw bytes, headers and decoded values.
    await eventually(
      async () => (await readTopic('quiz.attempt_graded')).filter((record) => record.key === student.id),
      (records) => records.length === 2,
    );
    const everything: string[] = [];
    for (const spec of topics) {
      for (const record of await readTopic(spec.name)) {
        everything.push(record.key ?? '', JSON.stringify(record.headers), record.raw?.toString('latin1') ?? '', record.raw?.toString('utf8') ?? '');
        // A topic may hold records that are not ours to decode (poison records of other tests).
        if (record.raw?.[0] === 0) everything.push(JSON.stringify(await decode(record).catch(() => null)));
      }
    }
    const onKafka = everything.join('\n');
    expect(onKafka).toContain(student.id);
    expect(found(onKafka, [...keys, ...Object.values(rightTexts)])).toEqual([]);

    // The logs of the course service (which logged the grading) and of the gateway.
    const logs = ['course', 'gateway'].map((name) => readFileSync(platform.process(name).logFile, 'utf8'));
    expect(logs[0]).toContain('quiz attempt graded');
    for (const log of logs) expect(found(log, [...keys, ...Object.values(rightTexts)])).toEqual([]);
  }, 180_000);
});
