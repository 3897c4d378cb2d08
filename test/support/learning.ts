import { randomUUID } from 'node:crypto';
import { eventually } from './eventually.js';
import { api, type Answer } from './http.js';

/** A published course built through the gateway: two required lessons, an optional one, and a quiz lesson whose quiz has one question. */
export interface PublishedCourse {
  courseId: string;
  title: string;
  theory: string;
  video: string;
  optional: string;
  quizLesson: string;
  quizId: string;
}

function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

export async function publishedCourse(instructorToken: string, options: { priceCents?: number; title?: string } = {}): Promise<PublishedCourse> {
  const token = instructorToken;
  const title = options.title ?? `Knots ${randomUUID().slice(0, 8)}`;
  const course = expectStatus(
    await api('POST', '/api/courses', { token, body: { title, summary: 'Tying knots.', level: 'beginner', language: 'en', priceCents: options.priceCents ?? 0, currency: 'EUR' } }),
    201,
    'create course',
  );
  const courseId = course.body.data.id as string;
  const moduleId = expectStatus(await api('POST', `/api/courses/${courseId}/modules`, { token, body: { title: 'Basics' } }), 201, 'add module').body.data.id as string;
  const lesson = async (lessonTitle: string, kind: string, required = true) =>
    expectStatus(
      await api('POST', `/api/courses/${courseId}/modules/${moduleId}/lessons`, { token, body: { title: lessonTitle, kind, durationMinutes: 5, required, body: { markdown: `${lessonTitle} body` } } }),
      201,
      'add lesson',
    ).body.data.id as string;
  const theory = await lesson('Reef knot', 'theory');
  const video = await lesson('Bowline', 'video');
  const optional = await lesson('History of knots', 'theory', false);
  const quizLesson = await lesson('Check', 'quiz');
  const quiz = expectStatus(
    await api('PUT', `/api/lessons/${quizLesson}/quiz`, {
      token,
      body: {
        title: 'Check',
        passMarkPercent: 100,
        shuffle: false,
        gradingMethod: 'highest',
        questions: [{ kind: 'single', prompt: 'Which knot makes a fixed loop?', points: 1, options: [{ id: 'a', text: 'Bowline' }, { id: 'b', text: 'Reef' }], correct: ['a'] }],
      },
    }),
    200,
    'put quiz',
  );
  expectStatus(await api('POST', `/api/courses/${courseId}/publish`, { token }), 200, 'publish');
  return { courseId, title, theory, video, optional, quizLesson, quizId: quiz.body.data.id as string };
}

/** Enrolls once the course's publication has reached enrollment-progress. */
export const enrollWhenPublished = (token: string, courseId: string) =>
  eventually(
    () => api('POST', '/api/enrollments', { token, body: { courseId } }),
    (answer) => answer.status !== 404,
    20_000,
  );

/** Starts an attempt and submits the right answer (the quiz of `publishedCourse`). */
export async function passQuiz(quizId: string, token: string): Promise<void> {
  const started = expectStatus(await api('POST', `/api/quizzes/${quizId}/attempts`, { token }), 201, 'start attempt');
  const question = started.body.data.questions[0];
  const right = question.options.find((option: { text: string }) => option.text === 'Bowline');
  const graded = await api('POST', `/api/quizzes/${quizId}/attempts/${started.body.data.attemptId}/submit`, { token, body: { answers: [{ questionId: question.id, optionIds: [right.id] }] } });
  if (graded.body.data?.passed !== true) throw new Error(`the quiz was not passed: ${JSON.stringify(graded.body)}`);
}

/** Enrolls the student, completes every required lesson and passes the quiz; resolves with the completed enrollment's id. */
export async function completeCourse(course: PublishedCourse, studentToken: string): Promise<string> {
  const enrolled = expectStatus(await enrollWhenPublished(studentToken, course.courseId), 201, 'enroll');
  const enrollmentId = enrolled.body.data.id as string;
  // The course service learns of the enrollment from its event before it lets the student in.
  await eventually(() => api('GET', `/api/lessons/${course.theory}`, { token: studentToken }), (answer) => answer.status === 200, 20_000);
  expectStatus(await api('POST', `/api/lessons/${course.theory}/complete`, { token: studentToken }), 200, 'complete theory');
  expectStatus(await api('POST', `/api/lessons/${course.video}/complete`, { token: studentToken }), 200, 'complete video');
  await passQuiz(course.quizId, studentToken);
  await eventually(
    () => api('GET', `/api/enrollments/${enrollmentId}`, { token: studentToken }),
    (answer) => answer.body.data?.status === 'completed',
    20_000,
  );
  return enrollmentId;
}
