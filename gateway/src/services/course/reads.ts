import type { Response } from 'express';
import { requestContext } from '@smartcourse/platform';
import { callerOf } from '../../auth/middleware.js';
import type { InternalClient, ServiceResponse } from '../../internal-client.js';
import { relay } from '../../relay.js';

/** Asks the course service on behalf of the caller (signed in or not). */
export function askCourses(courses: InternalClient, res: Response, path: string): Promise<ServiceResponse> {
  const caller = callerOf(res);
  return courses.callPath(path, { correlationId: requestContext(res).correlationId, ...(caller ? { actor: caller } : {}) });
}

/** A query answered as the course service answers it. */
export async function relayFromCourses(courses: InternalClient, res: Response, path: string): Promise<void> {
  relay(res, await askCourses(courses, res, path));
}
