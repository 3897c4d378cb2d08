import { errorCodes, isErrorCode } from '@smartcourse/contracts/errors';

/**
 * The one error type of the platform. The code is stable and upper-case; the HTTP status is
 * used once, at the edge; `retriable` tells consumers whether to retry or dead-letter.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retriable: boolean;
  readonly details: unknown;

  constructor(options: { code: string; message: string; status: number; retriable?: boolean; details?: unknown; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export const validationError = (details: FieldIssue[], message = 'The request is not valid.') =>
  new AppError({ code: 'VALIDATION_ERROR', status: 400, message, details });

export const unauthorized = (message = 'Authentication is required.') =>
  new AppError({ code: 'UNAUTHORIZED', status: 401, message });

export const forbidden = (message = 'You may not do this.') => new AppError({ code: 'FORBIDDEN', status: 403, message });

export const notFound = (code: string, message: string) => new AppError({ code, status: 404, message });

export const conflict = (code: string, message: string) => new AppError({ code, status: 409, message });

export const unavailable = (message: string, cause?: unknown) =>
  new AppError({ code: 'SERVICE_UNAVAILABLE', status: 503, message, retriable: true, cause });

/** Turns zod issues into the `details` of a VALIDATION_ERROR. */
export function fieldIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: string[] }>): FieldIssue[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({ path: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    return [{ path: base || '(body)', message: issue.message }];
  });
}

/**
 * HTTP status of an error code carried in a command result, from the table in contracts. A code
 * missing from the table is a bug of ours, not a refusal of the client: 500, never a guess.
 */
export function statusOfCode(code: string): number {
  return isErrorCode(code) ? errorCodes[code].status : 500;
}
