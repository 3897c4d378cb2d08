import type { ErrorRequestHandler } from 'express';
import { AppError } from '@smartcourse/platform';

/**
 * Express reports a path parameter with a broken percent-escape (`/api/commands/%E0%A4%A`) as a
 * URIError, which would otherwise become a 500: it is the client's mistake.
 */
export const malformedUrl: ErrorRequestHandler = (error, _req, _res, next) => {
  next(error instanceof URIError ? new AppError({ code: 'MALFORMED_URL', message: 'The URL has a malformed percent-escape.' }) : error);
};
