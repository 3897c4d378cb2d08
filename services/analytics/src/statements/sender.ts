import { consumerGroupsOf, processSpec, type XapiStatement } from '@smartcourse/contracts';
import { AppError, type IncomingMessage, type Knex, type OwnConsumer } from '@smartcourse/platform';
import type { Statement } from './statement.js';
import { verbs } from './statement.js';
import { erasedAmong, keepStatements, lockStatements, markSent } from './store.js';

/** A Learning Record Store, as the sender needs it (statements/lrs.ts speaks xAPI over HTTP). */
export interface RecordStore {
  /**
   * Stores the statements, all or none: resolves when the LRS holds every one (an id it already
   * has counts as stored); throws a retriable error while it is unreachable, and
   * `STATEMENT_REJECTED` when it refuses one as invalid.
   */
  store(statements: readonly Statement[]): Promise<void>;
}

/** The sender's consumer group, as the topology declares it. */
const lrsGroup = consumerGroupsOf(processSpec('analytics')).find((group) => group.topics.includes('xapi.statements'))!.group;

function statementOf(value: XapiStatement): Statement {
  try {
    return JSON.parse(value.statement) as Statement;
  } catch (error) {
    throw new AppError({ code: 'UNDECODABLE_MESSAGE', message: `statement ${value.eventId} is not JSON`, cause: error });
  }
}

/**
 * Sends the statements of `xapi.statements` to the LRS, a fetch at a time (the kit passes
 * consecutive records of a partition together; a batch that fails for good is sent again one
 * by one, so a statement the LRS rejects is dead-lettered alone, with its reason). An erased
 * person's statements are not sent; voiding statements always are. While the LRS is down the
 * partition waits.
 */
export function lrsSender(db: Knex, lrs: RecordStore): OwnConsumer {
  async function send(messages: readonly IncomingMessage[]) {
    const values = messages.map((message) => message.value as unknown as XapiStatement);
    const learners = values.filter((value) => value.verb !== verbs.voided);
    await db.transaction(async (trx) => {
      // A topic replayed into a new store meets statements it never made: remembered here first.
      await keepStatements(
        trx,
        learners.map((value) => ({ statementId: value.eventId, actorId: value.actorId })),
      );
      await lockStatements(
        trx,
        learners.map((value) => value.eventId),
      );
      const erased = await erasedAmong(
        trx,
        learners.map((value) => value.actorId),
      );
      const sending = values.filter((value) => value.verb === verbs.voided || !erased.has(value.actorId));
      if (sending.length === 0) return;
      await lrs.store(sending.map(statementOf));
      await markSent(
        trx,
        sending.map((value) => value.eventId),
        new Date(),
      );
    });
  }
  return {
    name: 'lrs sender',
    groupId: lrsGroup,
    subscriptions: [{ topic: 'xapi.statements', fromBeginning: true, handle: (message) => send([message]), handleBatch: (messages) => send(messages) }],
  };
}
