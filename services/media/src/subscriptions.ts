import { eventSubscriptions, on, type Pipeline, type Subscription } from '@smartcourse/platform';
import { eraseFilesOf } from './files/deletion.js';

/** Every topic this service consumes: erasures, which delete a person's avatar and submissions. */
export function subscriptions(pipeline: Pipeline): Subscription[] {
  return eventSubscriptions(pipeline, { replicas: [], listeners: [on('user.erased', eraseFilesOf)] });
}
