import type { ChaosCourse } from './courses.js';

/** The commands of a learner's journey, in the order of the report. */
export const commandKinds = [
  'sign-up',
  'profile change',
  'enrollment',
  'order',
  'payment',
  'refund',
  'lesson completion',
  'quiz attempt',
  'quiz submission',
  'certificate request',
] as const;
export type CommandKind = (typeof commandKinds)[number];

/** One learner of the mix: who they are and how far their journey got. */
export interface Learner {
  n: number;
  email: string;
  password: string;
  fullName: string;
  course: ChaosCourse;
  /** Buys the course (a paid one) instead of enrolling for free; `refunds` asks for the money back before studying, and stops there. */
  purchase?: { refunds: boolean };
  userId?: string;
  token?: string;
  enrollmentId?: string;
  orderId?: string;
  /** Where the journey stopped short: a step that got no answer in time, or an answer it did not expect. */
  stoppedAt?: string;
}

/**
 * One command sent: `rejected` when its final answer was a 4xx (the platform said no: nothing to
 * apply), else `accepted` when a 200/201/202 came back, else `unanswered` (nothing useful came
 * back in time: the caller cannot count on it, and a careful client tries again later).
 */
export interface Entry {
  kind: CommandKind;
  learner: Learner;
  outcome: 'accepted' | 'rejected' | 'unanswered';
  commandId?: string;
  /** What the command is about: the bio set, the course, lesson, quiz, attempt, enrollment or order. */
  subject: string;
  /** An accepted attempt's id (from its result). */
  attemptId?: string;
  error?: string;
}

export interface Ledger {
  learners: Learner[];
  entries: Entry[];
}
