import type { CommandRecords, CommandResult } from '@smartcourse/contracts';
import { commandRecord, newContext, unavailable, type Actor, type IncomingMessage, type Producer } from '@smartcourse/platform';
import type { CommandStatus, CommandStatusStore } from './status.js';

export interface Dispatch<N extends keyof CommandRecords> {
  recordName: N;
  topic: string;
  /** The aggregate the command targets (record key). */
  key: string;
  value: CommandRecords[N];
  actor: Actor;
  correlationId: string;
}

export interface CommandBus {
  /** Writes the command and waits for its result; a late result answers with the pending status. */
  dispatch<N extends keyof CommandRecords>(command: Dispatch<N>): Promise<CommandStatus>;
  /** Handler for `command.results`. */
  onResult(message: IncomingMessage): Promise<void>;
}

export function createCommandBus(options: { producer: Producer; statuses: CommandStatusStore; waitMs: number }): CommandBus {
  const waiters = new Map<string, (status: CommandStatus) => void>();

  return {
    async dispatch(command) {
      const { commandId, issuedAt } = command.value;
      const pending: CommandStatus = {
        commandId,
        commandType: command.recordName.split('.').pop() ?? command.recordName,
        status: 'pending',
        actorId: command.actor.userId,
        aggregateId: command.key,
        submittedAt: new Date(issuedAt).toISOString(),
      };
      await options.statuses.pending(pending);
      const result = new Promise<CommandStatus | undefined>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(commandId);
          resolve(undefined);
        }, options.waitMs);
        waiters.set(commandId, (status) => {
          clearTimeout(timer);
          waiters.delete(commandId);
          resolve(status);
        });
      });
      try {
        await options.producer.send([
          commandRecord(command.recordName, command.value, {
            service: 'gateway',
            topic: command.topic,
            key: command.key,
            context: newContext(command.correlationId),
          }),
        ]);
      } catch (error) {
        waiters.get(commandId)?.(pending);
        await options.statuses.remove(commandId);
        throw unavailable('The command could not be accepted; try again.', error);
      }
      return (await result) ?? pending;
    },

    async onResult(message) {
      const status = await options.statuses.complete(message.value as unknown as CommandResult);
      if (status) waiters.get(status.commandId)?.(status);
    },
  };
}
