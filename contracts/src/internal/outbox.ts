import { z } from 'zod';
import { internalEndpoint } from './endpoint.js';

/**
 * The operator endpoints every service with an outbox serves (the platform mounts them): its
 * parked rows, and putting one back in line. Not called by the gateway.
 */

/** A row the relay set aside, with the reason it can never be published (dates as JSON writes them). */
const ParkedRow = z.object({
  id: z.string(),
  aggregateId: z.string(),
  topic: z.string(),
  key: z.string(),
  error: z.string(),
  createdAt: z.string(),
  parkedAt: z.string(),
});

export const ParkedOutboxEndpoint = internalEndpoint({ method: 'get', path: '/internal/outbox/parked', response: z.array(ParkedRow) });

/** `id` is the row's number; one that names no parked row answers 404, whatever its form. */
export const RetryParkedOutboxEndpoint = internalEndpoint({
  method: 'post',
  path: '/internal/outbox/parked/:id/retry',
  params: z.strictObject({ id: z.string() }),
  response: z.object({ id: z.string(), status: z.literal('queued') }),
});
