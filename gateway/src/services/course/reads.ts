import type { Response } from 'express';
import { CommandStatus } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import type { z } from 'zod';
import { callerOf } from '../../auth/middleware.js';
import type { InternalClient, ServiceResponse } from '../../internal-client.js';
import { relay } from '../../relay.js';
import type { ResponseSpec } from '../../routing/spec.js';

/** Asks the course service on behalf of the caller (signed in or not). */
export function askCourses(courses: InternalClient, res: Response, path: string): Promise<ServiceResponse> {
  const caller = callerOf(res);
  return courses.call(path, { correlationId: requestContext(res).correlationId, ...(caller ? { actor: caller } : {}) });
}

/** A query answered as the course service answers it. */
export async function relayFromCourses(courses: InternalClient, res: Response, path: string): Promise<void> {
  relay(res, await askCourses(courses, res, path));
}

/** The query string of validated parameters, for the internal call. */
export function searchOf(query: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** What a command route answers: the resource once applied (200, or 201 for a create), else 202 to poll. */
export function commandResponses(status: 200 | 201, description: string, body?: z.ZodType): Record<number, ResponseSpec> {
  return {
    [status]: { description, ...(body ? { body } : {}), headers: { 'x-command-id': 'The command id' } },
    202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
  };
}

/** A delete: 204 once applied, else 202 to poll. */
export const deleteResponses: Record<number, ResponseSpec> = {
  204: { description: 'Deleted', headers: { 'x-command-id': 'The command id' } },
  202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
};
