import type { Response } from 'express';
import type { EndpointArguments, InternalEndpoint } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { callerOf } from './auth/middleware.js';
import { RETRY_AFTER_SECONDS } from './edge/unavailable.js';
import type { CallContext, InternalClient, ServiceResponse } from './internal-client.js';

/**
 * Passes a service's answer through: services already speak the public envelope. A service
 * says how long to wait in the error details; HTTP says it in Retry-After. `status` replaces a
 * success's 200 (a 201 for what a command created).
 */
export function relay(res: Response, answer: ServiceResponse, options: { status?: number } = {}): void {
  const status = options.status && answer.status === 200 ? options.status : answer.status;
  const wait = (answer.body as { error?: { details?: { retryAfterSeconds?: unknown } } } | undefined)?.error?.details?.retryAfterSeconds;
  if (status === 429 && typeof wait === 'number') res.setHeader('Retry-After', String(wait));
  // A service's own 503 (its store is down) tells the client when to come back, as the gateway's do.
  if (status === 503) res.setHeader('Retry-After', String(typeof wait === 'number' ? wait : RETRY_AFTER_SECONDS));
  if (answer.file) {
    res.status(status).type(answer.file.contentType);
    if (answer.file.disposition) res.setHeader('Content-Disposition', answer.file.disposition);
    res.send(answer.file.bytes);
  } else if (answer.body === undefined) res.status(status).end();
  else res.status(status).json(answer.body);
}

/** The request's caller (when signed in) and correlation id, for a call made on its behalf. */
export function onBehalfOf(res: Response): CallContext {
  return { actor: callerOf(res), correlationId: requestContext(res).correlationId };
}

/** Calls a declared endpoint on behalf of the request's caller and passes its answer through. */
export async function forward<E extends InternalEndpoint>(
  res: Response,
  client: InternalClient,
  endpoint: E,
  args: EndpointArguments<E>,
  options: { status?: number } = {},
): Promise<void> {
  relay(res, await client.call(endpoint, { ...args, ...onBehalfOf(res) }), options);
}
