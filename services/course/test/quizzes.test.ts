import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@smartcourse/platform';
import { addLessonMessage, draftWithModule, enrollInProcess, log, startCourseService } from './in-process.js';

/**
 * The course service in this process against the real Postgres, document store, Kafka and
 * registry: courses and enrollments come through its own handlers (called directly, no consumer
 * runs), quizzes and attempts through its internal API on a real port. No grace after a deadline,
 * so a 1-second time limit is over after a second.
 */
let course: Awaited<ReturnType<typeof startCourseService>>;
let db: Knex;

beforeAll(async () => {
  course = await startCourseService({ QUIZ_SUBMIT_GRACE_SECONDS: 0 });
  db = course.db;
}, 60_000);
afterAll(async () => {
  await course?.service.stop();
});

type Actor = { userId: string; role: string };
const instructor = (): Actor => ({ userId: randomUUID(), role: 'instructor' });
const student = (): Actor => ({ userId: randomUUID(), role: 'student' });

/** A draft course of the instructor with one module and one quiz lesson (and a theory lesson, so it can be published). */
async function courseWithQuizLesson(owner: Actor) {
  const { courseId, moduleId } = await draftWithModule(course, owner);
  const theory = addLessonMessage(course, owner, { courseId, moduleId });
  const quiz = addLessonMessage(course, owner, { courseId, moduleId }, { kind: 'quiz' });
  for (const message of [theory, quiz]) await course.handlerOf('course.commands')(message, log);
  return { courseId, moduleId, lessonId: (quiz.value as { lessonId: string }).lessonId, theoryId: (theory.value as { lessonId: string }).lessonId };
}

const publish = (owner: Actor, courseId: string) => course.command('smartcourse.commands.course.PublishCourse', owner, { courseId });
const enroll = (learner: Actor, courseId: string) => enrollInProcess(course, learner.userId, courseId);
const call = (method: string, path: string, actor: Actor, body?: unknown) => course.call(method, path, actor, body);

const quizBody = (overrides: object = {}) => ({
  title: 'Checkpoint',
  passMarkPercent: 50,
  shuffle: false,
  gradingMethod: 'highest',
  questions: [
    {
      kind: 'single',
      prompt: 'Pick the first',
      points: 2,
      options: [
        { id: 'key-first', text: 'First' },
        { id: 'key-second', text: 'Second' },
      ],
      correct: ['key-first'],
    },
    { kind: 'short_answer', prompt: 'Say hello', points: 2, correct: ['Hello World'] },
  ],
  ...overrides,
});

/** The answers that score full marks on an attempt of quizBody(), from the option texts it shows. */
function rightAnswers(attempt: { questions: Array<{ id: string; kind: string; options: Array<{ id: string; text: string }> }> }, text = ' hello   WORLD ') {
  return attempt.questions.map((q) =>
    q.kind === 'short_answer' ? { questionId: q.id, text } : { questionId: q.id, optionIds: [q.options.find((o) => o.text === 'First')!.id] },
  );
}

async function readyQuiz(overrides: object = {}) {
  const owner = instructor();
  const course = await courseWithQuizLesson(owner);
  const set = await call('PUT', `/internal/lessons/${course.lessonId}/quiz`, owner, quizBody(overrides));
  expect(set.status).toBe(200);
  await publish(owner, course.courseId);
  const learner = student();
  await enroll(learner, course.courseId);
  return { owner, learner, ...course, quizId: set.body.data.id as string };
}

const gradedEvents = (studentId: string) => db('outbox').where({ topic: 'quiz.attempt_graded', record_key: studentId }).orderBy('id');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('quizzes in the course service', () => {
  it('lets the owner set a quiz with keys and replace it whole, keeping its id and bumping its version', async () => {
    const owner = instructor();
    const { lessonId } = await courseWithQuizLesson(owner);
    const first = await call('PUT', `/internal/lessons/${lessonId}/quiz`, owner, quizBody());
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ lessonId, version: 1, questionCount: 2, maxScore: 4, timeLimitSeconds: null, maxAttempts: null });
    expect(first.body.data.questions[0]).toMatchObject({
      kind: 'single',
      correct: ['key-first'],
      options: [
        { id: 'key-first', text: 'First' },
        { id: 'key-second', text: 'Second' },
      ],
    });
    expect(first.body.data.questions[1]).toMatchObject({ kind: 'short_answer', options: [], correct: ['Hello World'] });

    const keptId = first.body.data.questions[0].id;
    const second = await call('PUT', `/internal/lessons/${lessonId}/quiz`, owner, quizBody({ questions: [{ ...quizBody().questions[0], id: keptId }] }));
    expect(second.status).toBe(200);
    expect(second.body.data).toMatchObject({ id: first.body.data.id, version: 2, questionCount: 1 });
    expect(second.body.data.questions[0].id).toBe(keptId);
  });

  it('refuses invalid quizzes with field details, quizzes of other lessons, and other people', async () => {
    const owner = instructor();
    const { courseId, lessonId, theoryId } = await courseWithQuizLesson(owner);
    const invalid = await call(
      'PUT',
      `/internal/lessons/${lessonId}/quiz`,
      owner,
      quizBody({ questions: [{ kind: 'true_false', prompt: 'T?', points: 1, options: [{ id: 't', text: 'T' }], correct: ['x'] }] }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['questions.0.correct', 'questions.0.options']);
    expect((await call('PUT', `/internal/lessons/${theoryId}/quiz`, owner, quizBody())).body.error.code).toBe('NOT_A_QUIZ_LESSON');
    expect((await call('PUT', `/internal/lessons/${randomUUID()}/quiz`, owner, quizBody())).status).toBe(404);

    const stranger = instructor();
    const hidden = await call('PUT', `/internal/lessons/${lessonId}/quiz`, stranger, quizBody());
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'LESSON_NOT_FOUND']);
    expect((await call('PUT', `/internal/lessons/${lessonId}/quiz`, owner, quizBody())).status).toBe(200);
    await publish(owner, courseId);
    const refused = await call('PUT', `/internal/lessons/${lessonId}/quiz`, stranger, quizBody());
    expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('PUT', `/internal/lessons/${lessonId}/quiz`, { userId: randomUUID(), role: 'admin' }, quizBody())).status).toBe(200);
  });

  it('announces the structure when the first quiz of a lesson of a published course is set, and only then', async () => {
    const owner = instructor();
    const { courseId, moduleId, lessonId } = await courseWithQuizLesson(owner);
    await call('PUT', `/internal/lessons/${lessonId}/quiz`, owner, quizBody());
    await publish(owner, courseId);
    const later = randomUUID();
    await course.handlerOf('course.commands')(addLessonMessage(course, owner, { courseId, moduleId }, { lessonId: later, kind: 'quiz' }), log);
    const before = await db('outbox').where({ topic: 'course.structure_changed', record_key: courseId });

    const set = await call('PUT', `/internal/lessons/${later}/quiz`, owner, quizBody());
    expect(set.status).toBe(200);
    const after = await db('outbox').where({ topic: 'course.structure_changed', record_key: courseId }).orderBy('id');
    expect(after).toHaveLength(before.length + 1);
    const lessons = after.at(-1).value.modules.flatMap((m: { lessons: unknown[] }) => m.lessons);
    expect(lessons.find((l: { lessonId: string }) => l.lessonId === later)).toMatchObject({ quizId: set.body.data.id });

    await call('PUT', `/internal/lessons/${later}/quiz`, owner, quizBody({ title: 'Replaced' }));
    expect(await db('outbox').where({ topic: 'course.structure_changed', record_key: courseId })).toHaveLength(before.length + 1);
  });

  it('shows the owner the keys, an enrolled student neither keys nor author option ids, and others nothing', async () => {
    const { owner, learner, lessonId } = await readyQuiz();
    const mine = await call('GET', `/internal/lessons/${lessonId}/quiz`, owner);
    expect(mine.body.data.questions[0].correct).toEqual(['key-first']);
    const theirs = await call('GET', `/internal/lessons/${lessonId}/quiz`, learner);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.questions[0]).toEqual({
      id: expect.any(String),
      kind: 'single',
      prompt: 'Pick the first',
      points: 2,
      options: [{ text: 'First' }, { text: 'Second' }],
    });
    expect(JSON.stringify(theirs.body)).not.toMatch(/key-first|key-second|Hello World|correct/);
    const outsider = await call('GET', `/internal/lessons/${lessonId}/quiz`, student());
    expect([outsider.status, outsider.body.error.code]).toEqual([403, 'ENROLLMENT_REQUIRED']);
  });

  it('closes the quiz to a student whose enrollment was refunded, as for a drop', async () => {
    const { learner, lessonId, quizId, courseId } = await readyQuiz();
    expect((await call('GET', `/internal/lessons/${lessonId}/quiz`, learner)).status).toBe(200);
    const enrollment = (await db('enrollments').where({ student_id: learner.userId, course_id: courseId }).first()) as { id: string; version: number };
    const refunded = {
      eventId: randomUUID(),
      occurredAt: Date.now(),
      enrollmentId: enrollment.id,
      studentId: learner.userId,
      courseId,
      version: enrollment.version + 1,
      orderId: randomUUID(),
      refundedAt: Date.now(),
    };
    await course.event('enrollment.refunded', 'smartcourse.events.enrollment.EnrollmentRefunded', refunded, enrollment.id);
    expect(await db('enrollments').where({ id: enrollment.id }).first()).toMatchObject({ status: 'refunded', version: enrollment.version + 1 });
    const refused = await call('GET', `/internal/lessons/${lessonId}/quiz`, learner);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ENROLLMENT_REQUIRED']);
    const attempt = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect([attempt.status, attempt.body.error.code]).toEqual([403, 'ENROLLMENT_REQUIRED']);
  });

  it('grades a submit once, with the answers normalised, and announces it through the outbox without keys or answers', async () => {
    const { learner, quizId, lessonId, courseId } = await readyQuiz();
    const started = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect(started.status).toBe(201);
    expect(started.body.data).toMatchObject({ attemptNumber: 1, status: 'open', deadline: null, maxScore: 4 });
    expect(JSON.stringify(started.body)).not.toMatch(/key-first|key-second|Hello World|correct/);
    const attemptId = started.body.data.attemptId;

    const graded = await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, { answers: rightAnswers(started.body.data) });
    expect(graded.status).toBe(200);
    expect(graded.body.data).toEqual({
      attemptId,
      quizId,
      attemptNumber: 1,
      score: 4,
      maxScore: 4,
      percent: 100,
      passed: true,
      quizGradePercent: 100,
      quizPassed: true,
    });
    const again = await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, { answers: [] });
    expect([again.status, again.body.error.code]).toEqual([409, 'ATTEMPT_ALREADY_SUBMITTED']);
    // The same answers again: a retry whose answer was lost gets the recorded grade, and nothing is graded twice.
    const retried = await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, { answers: rightAnswers(started.body.data) });
    expect([retried.status, retried.body.data]).toEqual([200, graded.body.data]);

    const events = await gradedEvents(learner.userId);
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0].value).sort()).toEqual(
      [
        'attemptId',
        'attemptNumber',
        'courseId',
        'eventId',
        'lessonId',
        'maxScore',
        'occurredAt',
        'passed',
        'percent',
        'quizGradePercent',
        'quizId',
        'quizPassed',
        'score',
        'studentId',
      ].sort(),
    );
    expect(events[0].value).toMatchObject({ attemptId, quizId, lessonId, courseId, studentId: learner.userId, score: 4, percent: 100, quizPassed: true });
    expect(JSON.stringify(events)).not.toMatch(/key-first|key-second|hello|First/i);
  });

  it('refuses answers that do not fit the attempt and leaves it open; hides it from everyone but its student', async () => {
    const { learner, quizId } = await readyQuiz();
    const started = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    const attemptId = started.body.data.attemptId;
    const bad = await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, {
      answers: [{ questionId: started.body.data.questions[0].id, optionIds: ['key-first'] }],
    });
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'answers.0.optionIds']);
    const intruder = student();
    expect((await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, intruder, { answers: [] })).body.error.code).toBe(
      'ATTEMPT_NOT_FOUND',
    );
    expect((await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, { answers: [] })).body.data.score).toBe(0);
  });

  it('starts one attempt of many concurrent starts, and none past the maximum', async () => {
    const { learner, quizId } = await readyQuiz({ maxAttempts: 2, shuffle: true });
    const starts = await Promise.all(Array.from({ length: 6 }, () => call('POST', `/internal/quizzes/${quizId}/attempts`, learner)));
    expect(starts.filter((s) => s.status === 201)).toHaveLength(1);
    const open = starts.find((s) => s.status === 201)!.body.data;
    for (const refused of starts.filter((s) => s.status !== 201))
      expect(refused.body.error).toMatchObject({ code: 'ATTEMPT_IN_PROGRESS', details: { attemptId: open.attemptId } });

    await call('POST', `/internal/quizzes/${quizId}/attempts/${open.attemptId}/submit`, learner, { answers: [] });
    const second = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect(second.body.data.attemptNumber).toBe(2);
    await call('POST', `/internal/quizzes/${quizId}/attempts/${second.body.data.attemptId}/submit`, learner, { answers: rightAnswers(second.body.data) });
    const third = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect([third.status, third.body.error.code]).toEqual([409, 'MAX_ATTEMPTS_REACHED']);
    expect(await db('quiz_attempts').where({ quiz_id: quizId, student_id: learner.userId })).toHaveLength(2);
  });

  it('refuses a submit after the deadline by the server clock, closing the attempt as expired with score 0', async () => {
    const { learner, owner, quizId } = await readyQuiz({ timeLimitSeconds: 1, gradingMethod: 'last' });
    const started = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    const { attemptId, startedAt, deadline } = started.body.data;
    expect(new Date(deadline).getTime() - new Date(startedAt).getTime()).toBe(1000);
    await sleep(1300);

    const late = await call('POST', `/internal/quizzes/${quizId}/attempts/${attemptId}/submit`, learner, { answers: rightAnswers(started.body.data) });
    expect([late.status, late.body.error.code]).toEqual([409, 'ATTEMPT_EXPIRED']);
    expect(await db('quiz_attempts').where({ id: attemptId }).first()).toMatchObject({ status: 'expired', score: 0, percent: 0, passed: false, answers: null });
    expect((await gradedEvents(learner.userId)).map((e) => e.value)).toEqual([
      expect.objectContaining({ attemptId, score: 0, quizGradePercent: 0, quizPassed: false }),
    ]);
    const list = await call('GET', `/internal/quizzes/${quizId}/attempts`, owner);
    expect(list.body.data).toEqual([expect.objectContaining({ id: attemptId, status: 'expired', score: 0 })]);
  });

  it('closes an overdue open attempt when the next starts, counting it, once whatever the concurrency', async () => {
    const { learner, quizId } = await readyQuiz({ timeLimitSeconds: 1, maxAttempts: 2 });
    const first = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    await sleep(1300);
    const listed = await call('GET', `/internal/quizzes/${quizId}/attempts`, learner);
    expect(listed.body.data[0]).toMatchObject({ id: first.body.data.attemptId, status: 'expired', score: 0 });

    const starts = await Promise.all(Array.from({ length: 4 }, () => call('POST', `/internal/quizzes/${quizId}/attempts`, learner)));
    expect(starts.map((s) => s.status).sort()).toEqual([201, 409, 409, 409]);
    expect(starts.find((s) => s.status === 201)!.body.data.attemptNumber).toBe(2);
    expect(await gradedEvents(learner.userId)).toHaveLength(1);
    await sleep(1300);
    const refused = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'MAX_ATTEMPTS_REACHED']);
    // The refusal still closed the second overdue attempt.
    expect(await gradedEvents(learner.userId)).toHaveLength(2);
  });

  it('grades an attempt open while the quiz is replaced against the questions it showed', async () => {
    const { owner, learner, quizId, lessonId } = await readyQuiz();
    const started = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    const replaced = await call('PUT', `/internal/lessons/${lessonId}/quiz`, owner, {
      ...quizBody(),
      questions: [
        {
          kind: 'true_false',
          prompt: 'New question',
          points: 5,
          options: [
            { id: 't', text: 'True' },
            { id: 'f', text: 'False' },
          ],
          correct: ['t'],
        },
      ],
    });
    expect(replaced.body.data).toMatchObject({ id: quizId, version: 2 });

    const graded = await call('POST', `/internal/quizzes/${quizId}/attempts/${started.body.data.attemptId}/submit`, learner, {
      answers: rightAnswers(started.body.data),
    });
    expect(graded.body.data).toMatchObject({ score: 4, maxScore: 4, percent: 100 });
    const next = await call('POST', `/internal/quizzes/${quizId}/attempts`, learner);
    expect(next.body.data.questions.map((q: { prompt: string }) => q.prompt)).toEqual(['New question']);
    expect(await db('quiz_attempts').where({ id: next.body.data.attemptId }).first()).toMatchObject({ quiz_version: 2, max_score: 5 });
  });

  it('lists a student their own attempts and the owner everyone', async () => {
    const { owner, learner, quizId, courseId } = await readyQuiz();
    const other = student();
    await enroll(other, courseId);
    for (const who of [learner, other]) {
      const started = await call('POST', `/internal/quizzes/${quizId}/attempts`, who);
      await call('POST', `/internal/quizzes/${quizId}/attempts/${started.body.data.attemptId}/submit`, who, { answers: rightAnswers(started.body.data) });
    }
    const own = await call('GET', `/internal/quizzes/${quizId}/attempts`, learner);
    expect(own.body.data.map((a: { studentId: string }) => a.studentId)).toEqual([learner.userId]);
    expect(own.body.data[0]).toMatchObject({ status: 'submitted', score: 4, percent: 100, passed: true });
    expect(JSON.stringify(own.body)).not.toMatch(/key-first|Hello World|answers|questions/);
    const all = await call('GET', `/internal/quizzes/${quizId}/attempts`, owner);
    expect(all.body.meta).toMatchObject({ total: 2 });
    const filtered = await call('GET', `/internal/quizzes/${quizId}/attempts?studentId=${other.userId}`, owner);
    expect(filtered.body.data.map((a: { studentId: string }) => a.studentId)).toEqual([other.userId]);
    expect((await call('GET', `/internal/quizzes/${quizId}/attempts?studentId=${other.userId}`, learner)).status).toBe(403);
    expect((await call('GET', `/internal/quizzes/${quizId}/attempts`, student())).body.error.code).toBe('ENROLLMENT_REQUIRED');
  });
});
