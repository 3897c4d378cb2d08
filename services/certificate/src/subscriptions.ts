import { commandSubscription, eventSubscriptions, on, type Pipeline, type Subscription } from '@smartcourse/platform';
import { issueHandler, revokeHandler } from './certificates/commands.js';
import { erasePdfs, issueOnCompletion, revokeOnRefund } from './certificates/handlers.js';
import type { FileStore } from './document/files.js';
import { replicas } from './replicas.js';

/** Every topic this service consumes: its commands, its replicas (courses, display names), and the events it acts on. */
export function subscriptions(deps: { pipeline: Pipeline; files: FileStore }): Subscription[] {
  const { pipeline } = deps;
  return [
    commandSubscription(pipeline, 'certificate.commands', {
      'smartcourse.commands.certificate.IssueCertificate': issueHandler(pipeline),
      'smartcourse.commands.certificate.RevokeCertificate': revokeHandler(pipeline),
    }),
    ...eventSubscriptions(pipeline, {
      replicas,
      // An erasure also deletes the student's PDFs (a rebuild of the names deletes none).
      listeners: [on('enrollment.completed', issueOnCompletion), on('enrollment.refunded', revokeOnRefund), on('user.erased', erasePdfs(deps.files))],
    }),
  ];
}
