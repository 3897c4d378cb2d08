import type { CommandResult } from '@smartcourse/contracts';
import type { Knex } from 'knex';
import { AppError } from '../errors.js';
import type { Actor } from '../http/internal.js';
import type { BatchHandler, Handler } from '../kafka/consumer.js';
import type { IncomingMessage } from '../kafka/incoming.js';
import { causedBy, type MessageContext } from '../kafka/headers.js';
import type { OutgoingRecord } from '../kafka/producer.js';
import { resultRecord } from '../kafka/records.js';
import type { Logger } from '../logger.js';
import { appendRecords } from '../outbox/store.js';
import type { Pipeline } from '../pipeline.js';
import { claimMessage, keepResultAndAppend, storedResult } from '../inbox/store.js';
import type { Decision, Rejection } from './decision.js';

/** Fields every command record carries. */
export interface CommandEnvelope {
  commandId: string;
  issuedAt: number;
  actor: Actor;
}

/** One command type: how to find its aggregate, load its state, decide, and apply the change. */
export interface CommandSpec<C extends CommandEnvelope, S, T> {
  commandType: string;
  aggregateId(command: C): string;
  /** Loads (and locks, `for update`) the state the decision needs; undefined when it does not exist. */
  load(trx: Knex.Transaction, command: C): Promise<S | undefined>;
  /** Pure: the business rules. */
  decide(state: S | undefined, command: C): Decision<T>;
  /** Writes the accepted change and returns the events it produces. */
  apply(trx: Knex.Transaction, input: { state: S | undefined; change: T; command: C; context: MessageContext }): Promise<OutgoingRecord[]>;
}

/** One command inside a transaction its caller owns and commits. */
export type CommandStep = (trx: Knex.Transaction, message: IncomingMessage, log: Logger) => Promise<void>;

/** A command type wired into the pipeline: alone in its own transaction, or as a step of a batch. */
export interface CommandHandling {
  handle: Handler;
  step: CommandStep;
}

/**
 * The one command pipeline: in one transaction, claim the command in the inbox, load, decide,
 * apply, and write the events and the result to the outbox, keeping the result with the inbox
 * entry. A redelivered or retried command changes nothing and publishes its original result
 * again, so a caller that lost its answer gets it. A non-retriable AppError thrown while applying
 * rolls the change back and answers with that error; transient faults propagate (the consumer waits).
 */
export function commandHandler<C extends CommandEnvelope, S, T>(pipeline: Pipeline, spec: CommandSpec<C, S, T>): CommandHandling {
  const parts = (message: IncomingMessage) => {
    const command = message.value as unknown as C;
    const context = causedBy(message.headers, command.commandId);
    const aggregateId = spec.aggregateId(command);
    const base = { commandId: command.commandId, commandType: spec.commandType, aggregateId };
    const entries = (result: CommandResult, records: OutgoingRecord[]) =>
      [...records, resultRecord(result, { service: pipeline.service, context })].map((record) => ({ aggregateId, record }));
    const record = (trx: Knex.Transaction, result: CommandResult, records: OutgoingRecord[] = []) =>
      keepResultAndAppend(trx, pipeline.group, result, entries(result, records));
    const publish = (trx: Knex.Transaction, result: CommandResult) => appendRecords(trx, entries(result, []));
    return { command, context, base, record, publish };
  };

  const step: CommandStep = async (trx, message, log) => {
    const { command, context, base, record, publish } = parts(message);
    if (!(await claimMessage(trx, pipeline.group, command.commandId))) {
      const original = await storedResult(trx, pipeline.group, command.commandId);
      if (original) await publish(trx, original);
      log.info(base, 'duplicate command: its original result published again');
      return;
    }
    const state = await spec.load(trx, command);
    const decision = spec.decide(state, command);
    if (decision.kind === 'rejected') {
      await record(trx, failed(base, decision.rejection));
      log.info({ ...base, code: decision.rejection.code }, 'command rejected');
      return;
    }
    const records = decision.kind === 'accepted' ? await spec.apply(trx, { state, change: decision.change, command, context }) : [];
    await record(trx, succeeded(base), records);
  };

  const handle: Handler = async (message, log) => {
    try {
      await pipeline.db.transaction((trx) => step(trx, message, log));
    } catch (error) {
      if (!(error instanceof AppError) || error.retriable) throw error;
      // A refusal found while applying (a unique key taken, say): nothing applied, the caller is told why.
      const { command, base, record } = parts(message);
      await pipeline.db.transaction(async (trx) => {
        if (await claimMessage(trx, pipeline.group, command.commandId)) await record(trx, failed(base, error));
      });
      log.info({ ...base, code: error.code }, 'command refused while applying');
    }
    pipeline.relay.wake();
  };

  return { handle, step };
}

/**
 * Consecutive commands of one partition in one transaction: one commit and one relay batch for
 * all of them, in order. Anything thrown rolls them all back; the consumer then handles each on
 * its own (where a refusal while applying becomes that command's failed result).
 */
export function commandBatchHandler(pipeline: Pipeline, stepOf: (message: IncomingMessage) => CommandStep): BatchHandler {
  return async (messages, log) => {
    await pipeline.db.transaction(async (trx) => {
      for (const message of messages) await stepOf(message)(trx, message, log);
    });
    pipeline.relay.wake();
  };
}

function succeeded(base: Pick<CommandResult, 'commandId' | 'commandType' | 'aggregateId'>): CommandResult {
  return { ...base, status: 'succeeded', errorCode: null, errorMessage: null, errorDetails: null, occurredAt: Date.now() };
}

function failed(base: Pick<CommandResult, 'commandId' | 'commandType' | 'aggregateId'>, rejection: Rejection): CommandResult {
  const details = rejection.details === undefined ? null : JSON.stringify(rejection.details);
  return { ...base, status: 'failed', errorCode: rejection.code, errorMessage: rejection.message, errorDetails: details, occurredAt: Date.now() };
}
