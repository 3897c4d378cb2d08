import { commandSubscription, displayNameSubscriptions, type CommandPipeline, type Knex, type OutboxRelay, type Subscription } from '@smartcourse/platform';
import { issueHandler, revokeHandler } from './certificates/commands.js';
import { completionHandler, erasePdfs } from './certificates/handlers.js';
import { courseSubscriptions } from './courses/handlers.js';
import type { FileStore } from './document/files.js';

/** Every topic this service consumes. Replicas read from the start: a new group rebuilds them from the whole history. */
export function subscriptions(deps: { pipeline: CommandPipeline; db: Knex; relay: Pick<OutboxRelay, 'wake'>; files: FileStore }): Subscription[] {
  const { pipeline, db, relay } = deps;
  return [
    commandSubscription(pipeline, 'certificate.commands', {
      'smartcourse.commands.certificate.IssueCertificate': issueHandler(pipeline),
      'smartcourse.commands.certificate.RevokeCertificate': revokeHandler(pipeline),
    }),
    { topic: 'enrollment.completed', fromBeginning: true, handle: completionHandler(db, () => relay.wake()) },
    ...courseSubscriptions(db),
    // Names of students and instructors; an erasure also deletes the student's PDFs.
    ...displayNameSubscriptions(db, erasePdfs(deps.files)),
  ];
}
