import type { Response } from 'express';
import { topics, type CommandRecords, type CommandStatus } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { actorOf } from '../auth/middleware.js';
import { commandIdOf } from '../edge/idempotency.js';
import type { CommandBus } from './bus.js';

export type CommandName = keyof CommandRecords;
/** What a route supplies: the record without the envelope the gateway fills in. */
export type CommandFields<N extends CommandName> = Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>;
/** The fields of a command that can hold its aggregate id, the record key (`userId`, later `courseId`, …). */
export type KeyField<N extends CommandName> = {
  [F in keyof CommandFields<N>]-?: CommandFields<N>[F] extends string ? F : never;
}[keyof CommandFields<N>];

/** Each command record's topic, from the catalog: the command topic whose records list it. */
const commandTopics = new Map(topics.filter((t) => t.kind === 'command').flatMap((t) => t.records.map((r) => [r.fullName, t.name] as const)));

function commandTopicOf(recordName: string): string {
  const topic = commandTopics.get(recordName);
  if (!topic) throw new Error(`no command topic of the catalog carries ${recordName}`);
  return topic;
}

/**
 * Sends a command on behalf of the caller to the topic the catalog gives its record, keyed by
 * the aggregate id in `fields[key]`, and waits for its result.
 */
export function sendCommand<N extends CommandName>(
  bus: CommandBus,
  res: Response,
  recordName: N,
  key: KeyField<N>,
  fields: CommandFields<N>,
): Promise<CommandStatus> {
  const actor = actorOf(res);
  return bus.dispatch({
    recordName,
    topic: commandTopicOf(recordName),
    key: String(fields[key]),
    actor,
    correlationId: requestContext(res).correlationId,
    value: { commandId: commandIdOf(res), issuedAt: Date.now(), actor, ...fields } as CommandRecords[N],
  });
}
