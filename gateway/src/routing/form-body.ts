import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { AppError, validationError } from '@smartcourse/platform';

/**
 * The body parser of the routes that take an HTML form instead of JSON (`request.form` in the
 * table): `application/x-www-form-urlencoded` or `multipart/form-data` with a few short fields
 * and no file, or no body at all. RFC 8058 mail clients POST one-click unsubscribes this way.
 * The app's JSON parser has already run and skipped such a body; every other route keeps
 * seeing JSON only, and an unparsed form there stays an empty body that its schema refuses.
 */

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';
export const formMediaTypes = [URLENCODED, MULTIPART];
const LIMITS = { bytes: 4096, fields: 10, fieldBytes: 1024 };

const urlencoded = express.urlencoded({ extended: false, limit: LIMITS.bytes, parameterLimit: LIMITS.fields });
const multipart = multer({ limits: { fields: LIMITS.fields, fieldSize: LIMITS.fieldBytes, files: 0, parts: LIMITS.fields, headerPairs: 20 } }).none();

/** A parser's refusal as the error envelope: too large is 413, anything else a form we cannot read, 400. */
function refusal(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const { code, type, message } = error as { code?: string; type?: string; message?: string };
  if (
    type === 'entity.too.large' ||
    type === 'parameters.too.many' ||
    code === 'LIMIT_FIELD_VALUE' ||
    code === 'LIMIT_FIELD_COUNT' ||
    code === 'LIMIT_PART_COUNT'
  ) {
    return new AppError({ code: 'PAYLOAD_TOO_LARGE', message: 'The form is larger than this route takes.' });
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: String(message) });
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') return validationError([{ path: '(body)', message: 'this form takes no file' }]);
  return validationError([{ path: '(body)', message: `the form could not be read: ${String(message)}` }]);
}

/** No body, or one of zero bytes (what a client sends for a POST without one), whatever its Content-Type says. */
function isEmpty(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
}

export const formBody: RequestHandler = (req, res, next) => {
  const done = (error?: unknown) => next(error ? refusal(error) : undefined);
  if (isEmpty(req)) {
    req.body = {};
    return next();
  }
  const type = req.is(formMediaTypes);
  if (type === URLENCODED) return urlencoded(req, res, done);
  if (type === MULTIPART) return multipart(req, res, done);
  next(new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `This route takes ${formMediaTypes.join(' or ')}, or no body.` }));
};
