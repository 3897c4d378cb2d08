import { randomUUID } from 'node:crypto';
import type { GatewayClient } from './client.js';

/** A published course of the mix: two required lessons and a quiz lesson (one question, pass mark 100); free, or sold at `priceCents`. */
export interface ChaosCourse {
  courseId: string;
  priceCents: number;
  lessons: [string, string];
  quizLesson: string;
  quizId: string;
}

/** The quiz's one question: option `a` is right. */
export const RIGHT_OPTION = 'a';
export const WRONG_OPTION = 'b';

async function created(client: GatewayClient, what: string, method: string, path: string, token: string, body?: unknown): Promise<any> {
  const reply = await client.call(method, path, { token, body });
  if (!reply || reply.status >= 300) throw new Error(`${what}: ${reply ? `${reply.status} ${JSON.stringify(reply.body)}` : 'no answer'}`);
  return reply.body.data;
}

/** Creates and publishes a course through the gateway, as its instructor: free unless it has a price. */
export async function publishCourse(client: GatewayClient, token: string, priceCents = 0, title = `Chaos ${randomUUID().slice(0, 8)}`): Promise<ChaosCourse> {
  const course = await created(client, 'create a course', 'POST', '/api/courses', token, {
    title,
    summary: 'Knots under load.',
    level: 'beginner',
    language: 'en',
    priceCents,
    currency: 'EUR',
  });
  const moduleId = (await created(client, 'add a module', 'POST', `/api/courses/${course.id}/modules`, token, { title: 'Basics' })).id as string;
  const lesson = async (lessonTitle: string, kind: string) =>
    (
      await created(client, 'add a lesson', 'POST', `/api/courses/${course.id}/modules/${moduleId}/lessons`, token, {
        title: lessonTitle,
        kind,
        durationMinutes: 5,
        required: true,
        body: { markdown: `${lessonTitle} body` },
      })
    ).id as string;
  const lessons: [string, string] = [await lesson('Reef knot', 'theory'), await lesson('Bowline', 'video')];
  const quizLesson = await lesson('Check', 'quiz');
  const quiz = await created(client, 'set the quiz', 'PUT', `/api/lessons/${quizLesson}/quiz`, token, {
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
          { id: RIGHT_OPTION, text: 'Bowline' },
          { id: WRONG_OPTION, text: 'Reef' },
        ],
        correct: [RIGHT_OPTION],
      },
    ],
  });
  await created(client, 'publish the course', 'POST', `/api/courses/${course.id}/publish`, token);
  return { courseId: course.id as string, priceCents, lessons, quizLesson, quizId: quiz.id as string };
}
