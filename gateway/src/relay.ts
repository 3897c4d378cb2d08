import type { Response } from 'express';
import type { ServiceResponse } from './internal-client.js';

/**
 * Passes a service's answer through: services already speak the public envelope. A service
 * says how long to wait in the error details; HTTP says it in Retry-After.
 */
export function relay(res: Response, answer: ServiceResponse): void {
  const wait = (answer.body as { error?: { details?: { retryAfterSeconds?: unknown } } } | undefined)?.error?.details?.retryAfterSeconds;
  if (answer.status === 429 && typeof wait === 'number') res.setHeader('Retry-After', String(wait));
  if (answer.file) {
    res.status(answer.status).type(answer.file.contentType);
    if (answer.file.disposition) res.setHeader('Content-Disposition', answer.file.disposition);
    res.send(answer.file.bytes);
  } else if (answer.body === undefined) res.status(answer.status).end();
  else res.status(answer.status).json(answer.body);
}
