import { on, type EventContext, type Listener } from '@smartcourse/platform';
import { statementRecord } from './events.js';
import { learningRecords, type LearningTopic } from './records.js';
import { statementOf, voidingStatementOf } from './statement.js';
import { eraseActor, isErased, keepStatements } from './store.js';

/** A statement from each event of a learning topic, unless its learner was erased. */
function statementFrom<T extends LearningTopic>(topic: T, baseUrl: string): Listener {
  return on(topic, async (event, { trx, emit, context }: EventContext) => {
    const record = learningRecords[topic](event as never);
    if (await isErased(trx, record.actorId)) return;
    const statement = statementOf(baseUrl, record);
    await keepStatements(trx, [{ statementId: statement.id, actorId: record.actorId }]);
    emit(statementRecord(statement, { actorId: record.actorId, objectId: statement.object.id, sourceEventId: record.eventId }, context));
  });
}

/**
 * The learning records: every learning event becomes an xAPI statement on `xapi.statements`; an
 * erasure stops them and voids those the LRS already has.
 */
export function statementListeners(baseUrl: string): Listener[] {
  return [
    ...(Object.keys(learningRecords) as LearningTopic[]).map((topic) => statementFrom(topic, baseUrl)),
    on('user.erased', async (event, { trx, emit, context }) => {
      const at = new Date(event.occurredAt);
      for (const statementId of await eraseActor(trx, event.userId, at)) {
        const voiding = voidingStatementOf(baseUrl, { erasureEventId: event.eventId, statementId, at });
        emit(statementRecord(voiding, { actorId: event.userId, objectId: statementId, sourceEventId: event.eventId }, context));
      }
    }),
  ];
}
