import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, fieldIssues } from '../errors.js';
import { requestContext } from './context.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Errors raised by body-parser before a route runs. */
function fromBodyParser(error: { type?: string; status?: number; message: string }): AppError | undefined {
  if (error.type === 'entity.parse.failed') {
    return new AppError({ code: 'MALFORMED_JSON', message: 'The body is not valid JSON.' });
  }
  if (error.type === 'entity.too.large') {
    return new AppError({ code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large.' });
  }
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: error.message });
  }
  return undefined;
}

/** The one place errors become HTTP responses: AppError by its status, anything else a 500 without internals. */
export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const { log } = requestContext(res);
  let appError: AppError | undefined;
  if (error instanceof AppError) appError = error;
  else if (error instanceof ZodError) {
    appError = new AppError({ code: 'VALIDATION_ERROR', message: 'The request is not valid.', details: fieldIssues(error.issues) });
  } else appError = fromBodyParser(error);

  if (!appError || appError.status >= 500) log.error({ err: error }, 'request failed');
  const status = appError?.status ?? 500;
  const body: ErrorBody = {
    error: appError
      ? { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) }
      : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' },
  };
  if (!res.headersSent) res.status(status).json(body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  const error = new AppError({ code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}.` });
  res.status(error.status).json({ error: { code: error.code, message: error.message } } satisfies ErrorBody);
};
