import { randomUUID } from 'node:crypto';
import { enrollmentIdOf } from '@smartcourse/contracts';
import type { GatewayClient } from './client.js';
import type { ChaosCourse } from './courses.js';
import type { CommandKind, Entry, Learner } from './ledger.js';

/** Raised to end a journey at a step that could not go on; the learner keeps where it stopped. */
class Stopped extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface JourneyDeps {
  client: GatewayClient;
  record(entry: Entry): void;
  /** Think time between a learner's steps. */
  thinkMs: number;
  /** How long a learner waits for something the platform does by itself (a completion, a replica). */
  waitMs: number;
}

/** The fake provider's test card that succeeds. */
const TEST_CARD = '4242424242424242';

export function newLearner(n: number, course: ChaosCourse, purchase?: Learner['purchase']): Learner {
  const tag = randomUUID().slice(0, 8);
  return {
    n,
    email: `chaos-${tag}-${n}@example.test`,
    password: `chaos-${randomUUID()}`,
    fullName: `Chaos Learner ${n}`,
    course,
    ...(purchase ? { purchase } : {}),
  };
}

/** Whether the `n`th of a series is one of a `share` of it (0..1), spread evenly: with 0.25, the 4th, 8th, 12th… */
export const inShare = (n: number, share: number) => Math.floor((n + 1) * share) > Math.floor(n * share);

/**
 * One learner's way through the platform, every write a command through the gateway: sign up,
 * log in, change the profile twice, enroll, complete both lessons, attempt the quiz (every third
 * learner fails once first), wait for the enrollment to complete, ask for the certificate. A buyer
 * enrolls by buying instead: places an order, pays it at the fake provider's page with the test
 * card, and waits for the enrollment the payment makes; one who refunds asks for the money back
 * at once (no progress yet), waits for the enrollment to end, and stops there.
 */
export async function runJourney(learner: Learner, deps: JourneyDeps): Promise<void> {
  const { client } = deps;
  const think = () => sleep(deps.thinkMs * (0.5 + Math.random()));

  /**
   * Sends a command, records it, and returns its result: its data, or its aggregate's id when it
   * was polled. `appliedEarlier` is the refusal that, on a later try, means an earlier try whose
   * answer was lost was applied (a synchronous call the gateway could not replay); the journey
   * goes on without data then. Any other refusal, or no result in time, ends the journey.
   */
  async function step(
    kind: CommandKind,
    subject: string,
    method: string,
    path: string,
    body?: unknown,
    appliedEarlier?: string,
  ): Promise<{ data: any; aggregateId: string | undefined }> {
    const sent = await client.command(method, path, { token: learner.token, body });
    const refused = sent.result?.ok === false ? sent.result : undefined;
    const earlier = refused !== undefined && refused.code === appliedEarlier && sent.tries > 1;
    const outcome: Entry['outcome'] = earlier ? 'accepted' : refused ? 'rejected' : sent.accepted ? 'accepted' : 'unanswered';
    const entry: Entry = { kind, learner, outcome, subject, ...(sent.commandId ? { commandId: sent.commandId } : {}) };
    if (refused) entry.error = `${refused.status} ${refused.code}`;
    if (kind === 'quiz attempt' && sent.result?.ok && sent.result.data?.attemptId) entry.attemptId = sent.result.data.attemptId as string;
    deps.record(entry);
    if (earlier) return { data: undefined, aggregateId: undefined };
    if (!sent.result?.ok) throw new Stopped(`${kind} ${subject}: ${refused ? `${refused.status} ${refused.code}` : 'no result in time'}`);
    await think();
    return sent.result;
  }

  /** Polls a query until `done` holds, for at most the learner's patience. */
  async function until(what: string, path: string, done: (data: any) => boolean): Promise<any> {
    const deadline = Date.now() + deps.waitMs;
    while (Date.now() < deadline) {
      const reply = await client.call('GET', path, { token: learner.token, deadlineMs: deps.waitMs });
      if (reply?.status === 200 && done(reply.body.data)) return reply.body.data;
      await sleep(250);
    }
    throw new Stopped(`waited ${deps.waitMs} ms for ${what}`);
  }

  async function attemptQuiz(right: boolean): Promise<void> {
    const { quizId } = learner.course;
    // Attempts are synchronous calls (answer keys never go through Kafka): their answer has the data.
    const { data: attempt } = await step('quiz attempt', quizId, 'POST', `/api/quizzes/${quizId}/attempts`);
    const question = attempt.questions[0];
    const option = question.options.find((candidate: { text: string }) => candidate.text === (right ? 'Bowline' : 'Reef'));
    const path = `/api/quizzes/${quizId}/attempts/${attempt.attemptId}/submit`;
    await step(
      'quiz submission',
      attempt.attemptId,
      'POST',
      path,
      { answers: [{ questionId: question.id, optionIds: [option.id] }] },
      'ATTEMPT_ALREADY_SUBMITTED',
    );
  }

  /** The purchase: order, payment, the enrollment it makes; then the refund for one who asks. The enrollment's id, or undefined when the journey ends here. */
  async function buy(refunds: boolean): Promise<string | undefined> {
    const { courseId } = learner.course;
    // Placing an order again for the same course answers the pending one: a retry is the same order.
    const { data: order } = await step('order', courseId, 'POST', '/api/orders', { courseId });
    learner.orderId = order.id as string;
    // The payment page is the provider's: paying a payment that succeeded answers it succeeded again.
    await step('payment', learner.orderId, 'POST', new URL(order.checkout.url as string).pathname, { cardNumber: TEST_CARD });
    const enrollmentId = enrollmentIdOf(learner.userId!, courseId);
    learner.enrollmentId = enrollmentId;
    await until('the enrollment the payment makes', `/api/enrollments/${enrollmentId}`, (data) => data.status === 'active');
    if (!refunds) return enrollmentId;
    await step('refund', learner.orderId, 'POST', `/api/orders/${learner.orderId}/refund`, { reason: 'Changed my mind.' }, 'ORDER_NOT_REFUNDABLE');
    await until('the enrollment to end by the refund', `/api/enrollments/${enrollmentId}`, (data) => data.status === 'refunded');
    return undefined;
  }

  try {
    await step(
      'sign-up',
      learner.email,
      'POST',
      '/api/auth/register',
      { email: learner.email, password: learner.password, fullName: learner.fullName },
      'EMAIL_TAKEN',
    );
    const login = await client.call('POST', '/api/auth/login', { body: { email: learner.email, password: learner.password } });
    if (login?.status !== 200) throw new Stopped(`login: ${login?.status ?? 'no answer'}`);
    learner.token = login.body.data.accessToken as string;
    await think();

    for (const round of ['first', 'second']) {
      const bio = `chaos ${learner.n} ${round} ${randomUUID().slice(0, 8)}`;
      const profile = await step('profile change', bio, 'PATCH', '/api/users/me', { bio });
      learner.userId = (profile.data?.id ?? profile.aggregateId) as string;
    }

    if (learner.purchase) {
      const bought = await buy(learner.purchase.refunds);
      if (bought === undefined) return;
      learner.enrollmentId = bought;
    } else {
      const enrollment = await step('enrollment', learner.course.courseId, 'POST', '/api/enrollments', { courseId: learner.course.courseId });
      learner.enrollmentId = (enrollment.data?.id ?? enrollment.aggregateId) as string;
    }
    for (const lesson of learner.course.lessons) await step('lesson completion', lesson, 'POST', `/api/lessons/${lesson}/complete`);

    // The course service lets a student attempt a quiz once it has the enrollment from its event.
    await until('the course service to know the enrollment', `/api/lessons/${learner.course.quizLesson}`, () => true);
    if (learner.n % 3 === 0) await attemptQuiz(false);
    await attemptQuiz(true);

    await until('the enrollment to complete', `/api/enrollments/${learner.enrollmentId}`, (data) => data.status === 'completed');
    await step('certificate request', learner.enrollmentId, 'POST', `/api/enrollments/${learner.enrollmentId}/certificate`);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    learner.stoppedAt = error.message;
  }
}
