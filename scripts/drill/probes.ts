import type { GatewayClient } from './client.js';
import type { ChaosCourse } from './courses.js';

/** The paths a fault can break, each tried by one small piece of real work through the gateway. */
export type ProbeName = 'user' | 'course' | 'enrollment-progress' | 'certificate' | 'notification' | 'payment';

/** A learner of the run's own who has finished a course: its commands touch every service and change nothing of the mix. */
export interface ProbeActor {
  token: string;
  enrollmentId: string;
  course: ChaosCourse;
  instructorToken: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Prober {
  /** One try of the probe: true when the work went all the way through. */
  attempt(name: ProbeName): Promise<boolean>;
  /** Tries every probe until each has gone through once; the milliseconds it took, or undefined after `timeoutMs`. */
  recovered(names: readonly ProbeName[], timeoutMs: number): Promise<number | undefined>;
}

export function createProber(client: GatewayClient, actor: ProbeActor, options: { tryMs: number }): Prober {
  let n = 0;
  let open: { attemptId: string; answers: unknown[] } | undefined;
  const command = async (method: string, path: string, token: string, body?: unknown) =>
    (await client.command(method, path, { token, body, deadlineMs: options.tryMs })).result?.ok === true;

  async function unreadCount(): Promise<number | undefined> {
    const reply = await client.call('GET', '/api/notifications/unread-count', { token: actor.token, deadlineMs: options.tryMs });
    return reply?.status === 200 ? (reply.body.data.count as number) : undefined;
  }

  const probes: Record<ProbeName, () => Promise<boolean>> = {
    user: () => command('PATCH', '/api/users/me', actor.token, { bio: `probe ${++n}` }),
    course: () => command('PATCH', `/api/courses/${actor.course.courseId}`, actor.instructorToken, { summary: `Knots under load (probe ${++n}).` }),
    'enrollment-progress': () => command('POST', `/api/lessons/${actor.course.lessons[0]}/visit`, actor.token, { secondsSpent: 1 }),
    certificate: () => command('POST', `/api/enrollments/${actor.enrollmentId}/certificate`, actor.token),
    // The payment service's orders of the probe learner (none): a read answered by the service itself.
    payment: async () => (await client.call('GET', '/api/orders/mine', { token: actor.token, deadlineMs: options.tryMs }))?.status === 200,
    // A graded attempt reaches the notification service as an event and lands in the inbox. An
    // attempt started and not yet submitted (a fault in between) is submitted on the next try:
    // the same answers again get its grade.
    async notification() {
      const before = await unreadCount();
      if (before === undefined) return false;
      if (!open) {
        const started = await client.command('POST', `/api/quizzes/${actor.course.quizId}/attempts`, { token: actor.token, deadlineMs: options.tryMs });
        if (!started.result?.ok) return false;
        const question = started.result.data.questions[0];
        open = { attemptId: started.result.data.attemptId, answers: [{ questionId: question.id, optionIds: [question.options[0].id] }] };
      }
      if (!(await command('POST', `/api/quizzes/${actor.course.quizId}/attempts/${open.attemptId}/submit`, actor.token, { answers: open.answers })))
        return false;
      open = undefined;
      const deadline = Date.now() + options.tryMs;
      while (Date.now() < deadline) {
        const count = await unreadCount();
        if (count !== undefined && count > before) return true;
        await sleep(100);
      }
      return false;
    },
  };

  return {
    attempt: (name) => probes[name](),
    async recovered(names, timeoutMs) {
      const started = Date.now();
      const pending = new Set(names);
      while (pending.size > 0) {
        if (Date.now() - started > timeoutMs) return undefined;
        for (const name of [...pending]) if (await probes[name]()) pending.delete(name);
        if (pending.size > 0) await sleep(250);
      }
      return Date.now() - started;
    },
  };
}
