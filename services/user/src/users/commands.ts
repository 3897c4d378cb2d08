import { randomUUID } from 'node:crypto';
import type { UpdateProfile } from '@smartcourse/contracts';
import {
  appendToOutbox,
  causedBy,
  claimMessage,
  eventRecord,
  resultRecord,
  type IncomingMessage,
  type Knex,
  type Logger,
  type OutboxRelay,
} from '@smartcourse/platform';
import { decideProfileUpdate } from './rules.js';
import { findById, updateProfile } from './store.js';

export const COMMAND_GROUP = 'user';

export interface CommandDeps {
  db: Knex;
  relay: OutboxRelay;
}

/**
 * One transaction: inbox claim, load, decide, save, then the event and the command result
 * into the outbox. A redelivered command finds its inbox row and does nothing.
 */
export async function handleUpdateProfile(deps: CommandDeps, message: IncomingMessage, log: Logger): Promise<void> {
  const command = message.value as unknown as UpdateProfile;
  const context = causedBy(message.headers, command.commandId);
  const applied = await deps.db.transaction(async (trx) => {
    if (!(await claimMessage(trx, COMMAND_GROUP, command.commandId))) return false;
    const user = await findById(trx, command.userId, { forUpdate: true });
    const decision = decideProfileUpdate(user, command);
    const now = Date.now();
    const result = {
      commandId: command.commandId,
      commandType: 'UpdateProfile',
      aggregateId: command.userId,
      occurredAt: now,
    };
    if (decision.kind === 'rejected') {
      const { rejection } = decision;
      await appendToOutbox(trx, command.userId, [
        resultRecord(
          {
            ...result,
            status: 'failed',
            errorCode: rejection.code,
            errorMessage: rejection.message,
            errorDetails: rejection.details === undefined ? null : JSON.stringify(rejection.details),
          },
          { service: 'user', context },
        ),
      ]);
      log.info({ commandId: command.commandId, code: rejection.code }, 'profile update rejected');
      return true;
    }
    const updated = await updateProfile(trx, command.userId, decision);
    await appendToOutbox(trx, command.userId, [
      eventRecord(
        'user.profile_updated',
        { eventId: randomUUID(), occurredAt: now, userId: updated.id, fullName: updated.fullName, bio: updated.bio },
        { service: 'user', key: updated.id, context },
      ),
      resultRecord({ ...result, status: 'succeeded', errorCode: null, errorMessage: null, errorDetails: null }, { service: 'user', context }),
    ]);
    return true;
  });
  if (applied) deps.relay.wake();
  else log.info({ commandId: command.commandId }, 'duplicate command ignored');
}
