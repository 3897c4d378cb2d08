import type { CommandRecords, CommandResult } from '@smartcourse/contracts';
import { commandRecord, newContext, unavailable, type Actor, type Metrics, type Producer } from '@smartcourse/platform';
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
  /** Records a result of `command.results` and answers the request waiting for it here, if any. */
  onResult(result: CommandResult): Promise<void>;
}

interface Waiter {
  pending: CommandStatus;
  resolve(status: CommandStatus): void;
}

export function createCommandBus(options: { producer: Producer; statuses: CommandStatusStore; metrics: Metrics; waitMs: number }): CommandBus {
  const waiters = new Map<string, Waiter>();
  const step = (stage: string) => options.metrics.commandStep.startTimer({ stage });

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
      const endStatus = step('status');
      await options.statuses.pending(pending);
      endStatus();
      const result = new Promise<CommandStatus | undefined>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(commandId);
          resolve(undefined);
        }, options.waitMs);
        waiters.set(commandId, {
          pending,
          resolve(status) {
            clearTimeout(timer);
            waiters.delete(commandId);
            resolve(status);
          },
        });
      });
      const endProduce = step('produce');
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
        waiters.get(commandId)?.resolve(pending);
        await options.statuses.remove(commandId);
        throw unavailable('The command could not be accepted; try again.', error);
      }
      endProduce();
      const endAwait = step('await_result');
      const answer = (await result) ?? pending;
      endAwait();
      return answer;
    },

    async onResult(result) {
      // A request waiting here already holds the pending status: no need to read it back.
      const waiter = waiters.get(result.commandId);
      const status = await options.statuses.complete(result, waiter?.pending);
      if (status) waiter?.resolve(status);
    },
  };
}
