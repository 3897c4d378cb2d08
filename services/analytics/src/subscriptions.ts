import { eventSubscriptions, type Pipeline, type Subscription } from '@smartcourse/platform';
import { replicas } from './replicas.js';
import { statementListeners } from './statements/listeners.js';

/** Every learning topic this service reads: into the reports' tables, and into xAPI statements. */
export function subscriptions(pipeline: Pipeline, baseUrl: string): Subscription[] {
  return eventSubscriptions(pipeline, { replicas, listeners: statementListeners(baseUrl) });
}
