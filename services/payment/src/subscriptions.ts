import { eventSubscriptions, type Pipeline, type Subscription } from '@smartcourse/platform';
import { replicas } from './replicas.js';

/** Every topic this service consumes: the courses on sale and the buyers' enrollments, kept as replicas. */
export function subscriptions(pipeline: Pipeline): Subscription[] {
  return eventSubscriptions(pipeline, { replicas, listeners: [] });
}
