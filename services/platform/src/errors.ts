import { errorCodes, isErrorCode, type ErrorCode } from '@smartcourse/contracts/errors';

/**
 * The one error type of the platform. The code is declared in contracts/src/errors.ts, which
 * gives its HTTP status (used once, at the edge); `retriable` tells consumers whether to retry
 * or dead-letter.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retriable: boolean;
  readonly details: unknown;

  constructor(options: { code: ErrorCode; message: string; retriable?: boolean; details?: unknown; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = errorCodes[options.code].status;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }

  /**
   * An error another process reported by its code (a command result). A code missing from the
   * table is a bug of ours, not a refusal of the client: it answers as COMMAND_FAILED (500).
   */
  static reported(options: { code: string; message: string; details?: unknown }): AppError {
    return new AppError({ ...options, code: isErrorCode(options.code) ? options.code : 'COMMAND_FAILED' });
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export const validationError = (details: FieldIssue[], message = 'The request is not valid.') => new AppError({ code: 'VALIDATION_ERROR', message, details });

export const unauthorized = (message = 'Authentication is required.') => new AppError({ code: 'UNAUTHORIZED', message });

export const forbidden = (message = 'You may not do this.') => new AppError({ code: 'FORBIDDEN', message });

export const notFound = (code: ErrorCode, message: string) => new AppError({ code, message });

export const conflict = (code: ErrorCode, message: string) => new AppError({ code, message });

export const unavailable = (message: string, cause?: unknown) => new AppError({ code: 'SERVICE_UNAVAILABLE', message, retriable: true, cause });

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
