import { eventRecord, type MessageContext, type OutgoingRecord } from '@smartcourse/platform';
import type { Statement } from './statement.js';

export const SERVICE = 'analytics';

/** A statement on `xapi.statements`, keyed by the learner so that a voiding statement follows the ones it voids. */
export function statementRecord(
  statement: Statement,
  meta: { actorId: string; objectId: string; sourceEventId: string },
  context: MessageContext,
): OutgoingRecord {
  return eventRecord(
    'xapi.statements',
    {
      eventId: statement.id,
      occurredAt: Date.parse(statement.timestamp),
      actorId: meta.actorId,
      verb: statement.verb.id,
      objectId: meta.objectId,
      sourceEventId: meta.sourceEventId,
      statement: JSON.stringify(statement),
    },
    { service: SERVICE, key: meta.actorId, context },
  );
}
