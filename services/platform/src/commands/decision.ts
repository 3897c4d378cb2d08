import type { ErrorCode } from '@smartcourse/contracts/errors';

/** A business refusal: a stable code, a message for people, and optional details. */
export interface Rejection {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The outcome of deciding a command: a change to apply, nothing to do, or a refusal. */
export type Decision<T> = { kind: 'accepted'; change: T } | { kind: 'unchanged' } | { kind: 'rejected'; rejection: Rejection };

export const accept = <T>(change: T): Decision<T> => ({ kind: 'accepted', change });

export const reject = (code: ErrorCode, message: string, details?: unknown): { kind: 'rejected'; rejection: Rejection } => ({
  kind: 'rejected',
  rejection: details === undefined ? { code, message } : { code, message, details },
});
