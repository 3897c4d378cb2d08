import type { ErrorRequestHandler } from 'express';
import { AppError, unavailable } from '@smartcourse/platform';

/** Long enough for Redis or a broker to come back from a restart. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Runs a Redis call; a failure (Redis down, the connection lost) becomes 503
 * `SERVICE_UNAVAILABLE`, a state of ours the client can retry, rather than a 500.
 */
export async function whenRedisAnswers<T>(message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw unavailable(message, error);
  }
}

/** Every 503 tells the client when to come back, whichever dependency was missing. */
export const retryAfterOnUnavailable: ErrorRequestHandler = (error, _req, res, next) => {
  if (error instanceof AppError && error.status === 503 && !res.headersSent && !res.get('Retry-After')) {
    res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  }
  next(error);
};
