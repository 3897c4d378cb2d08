import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { eventually } from './eventually.js';
import { api } from './http.js';
import { decode, readTopic } from './kafka.js';

export interface PublishedCourse {
  courseId: string;
  title: string;
  moduleId: string;
  theory: string;
  video: string;
  optional: string;
  quizLesson: string;
  quizId: string;
}

/**
 * A published course of the instructor, through the gateway: two required lessons, an optional
 * one and a quiz lesson whose quiz has one question (pass mark 100; the right answer is "Bowline").
 */
export async function publishedCourse(token: string, options: { priceCents?: number; title?: string } = {}): Promise<PublishedCourse> {
  const title = options.title ?? `Knots ${randomUUID().slice(0, 8)}`;
  const course = await api('POST', '/api/courses', {
    token,
    body: { title, summary: 'Tying knots.', level: 'beginner', language: 'en', priceCents: options.priceCents ?? 0, currency: 'EUR' },
  });
  expect(course.status).toBe(201);
  const courseId = course.body.data.id as string;
  const moduleId = (await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Basics' } })).body.data.id as string;
  const lesson = (lessonTitle: string, kind: string, required = true) => addLesson(token, { courseId, moduleId }, lessonTitle, kind, required);
  const theory = await lesson('Reef knot', 'theory');
  const video = await lesson('Bowline', 'video');
  const optional = await lesson('History of knots', 'theory', false);
  const quizLesson = await lesson('Check', 'quiz');
  const quiz = await api('PUT', `/api/lessons/${quizLesson}/quiz`, {
    token,
    body: {
      title: 'Check',
      passMarkPercent: 100,
      shuffle: false,
      gradingMethod: 'highest',
      questions: [
        {
          kind: 'single',
          prompt: 'Which knot makes a fixed loop?',
          points: 1,
          options: [
            { id: 'a', text: 'Bowline' },
            { id: 'b', text: 'Reef' },
          ],
          correct: ['a'],
        },
      ],
    },
  });
  expect(quiz.status).toBe(200);
  expect((await api('POST', `/api/courses/${courseId}/publish`, { token })).status).toBe(200);
  return { courseId, title, moduleId, theory, video, optional, quizLesson, quizId: quiz.body.data.id as string };
}

/** A lesson added to a module of the course; returns its id. */
export async function addLesson(token: string, where: { courseId: string; moduleId: string }, title: string, kind: string, required = true): Promise<string> {
  const added = await api('POST', `/api/courses/${where.courseId}/modules/${where.moduleId}/lessons`, {
    token,
    body: { title, kind, durationMinutes: 5, required, body: { markdown: `${title} body` } },
  });
  expect(added.status).toBe(201);
  return added.body.data.id as string;
}

/** Enrolls once the course's publication has reached enrollment-progress. */
export const enroll = (token: string, courseId: string) =>
  eventually(
    () => api('POST', '/api/enrollments', { token, body: { courseId } }),
    (answer) => answer.status !== 404,
    20_000,
  );

/** Starts an attempt at the quiz of `publishedCourse` and submits the right answer. */
export async function passQuiz(quizId: string, token: string): Promise<void> {
  const started = await api('POST', `/api/quizzes/${quizId}/attempts`, { token });
  expect(started.status).toBe(201);
  const question = started.body.data.questions[0];
  const right = question.options.find((option: { text: string }) => option.text === 'Bowline');
  const graded = await api('POST', `/api/quizzes/${quizId}/attempts/${started.body.data.attemptId}/submit`, {
    token,
    body: { answers: [{ questionId: question.id, optionIds: [right.id] }] },
  });
  expect(graded.body.data).toMatchObject({ passed: true });
}

/** Enrolls the student, completes every required lesson and passes the quiz; resolves with the completed enrollment's id. */
export async function completeCourse(course: PublishedCourse, studentToken: string): Promise<string> {
  const enrolled = await enroll(studentToken, course.courseId);
  expect(enrolled.status).toBe(201);
  const enrollmentId = enrolled.body.data.id as string;
  // The course service learns of the enrollment from its event before it lets the student in.
  await eventually(
    () => api('GET', `/api/lessons/${course.theory}`, { token: studentToken }),
    (answer) => answer.status === 200,
    20_000,
  );
  expect((await api('POST', `/api/lessons/${course.theory}/complete`, { token: studentToken })).status).toBe(200);
  expect((await api('POST', `/api/lessons/${course.video}/complete`, { token: studentToken })).status).toBe(200);
  await passQuiz(course.quizId, studentToken);
  await eventually(
    () => api('GET', `/api/enrollments/${enrollmentId}`, { token: studentToken }),
    (answer) => answer.body.data?.status === 'completed',
    20_000,
  );
  return enrollmentId;
}

/** The events of one enrollment on a topic, decoded, in partition order. */
export const eventsOf = async (topic: string, enrollmentId: string) =>
  Promise.all((await readTopic(topic)).filter((record) => record.key === enrollmentId).map((record) => decode<Record<string, unknown>>(record)));
