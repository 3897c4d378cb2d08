import type { Redis } from 'ioredis';
import type { CommandResult, CommandStatus } from '@smartcourse/contracts';

export type { CommandStatus } from '@smartcourse/contracts';

const key = (commandId: string) => `command:${commandId}`;

export interface CommandStatusStore {
  pending(status: CommandStatus): Promise<void>;
  complete(result: CommandResult): Promise<CommandStatus | undefined>;
  get(commandId: string): Promise<CommandStatus | undefined>;
  remove(commandId: string): Promise<void>;
}

export function createCommandStatusStore(redis: Redis, ttlSeconds: number): CommandStatusStore {
  async function get(commandId: string) {
    const raw = await redis.get(key(commandId));
    return raw ? (JSON.parse(raw) as CommandStatus) : undefined;
  }
  return {
    get,
    async pending(status) {
      // NX: a retried command must not turn a final status back into pending.
      await redis.set(key(status.commandId), JSON.stringify(status), 'EX', ttlSeconds, 'NX');
    },
    async complete(result) {
      const previous = await get(result.commandId);
      const status: CommandStatus = {
        commandId: result.commandId,
        commandType: result.commandType,
        status: result.status === 'succeeded' ? 'succeeded' : 'failed',
        actorId: previous?.actorId ?? '',
        aggregateId: result.aggregateId,
        submittedAt: previous?.submittedAt ?? new Date(result.occurredAt).toISOString(),
        completedAt: new Date(result.occurredAt).toISOString(),
        ...(result.errorCode
          ? {
              error: {
                code: result.errorCode,
                message: result.errorMessage ?? result.errorCode,
                ...(result.errorDetails ? { details: JSON.parse(result.errorDetails) as unknown } : {}),
              },
            }
          : {}),
      };
      await redis.set(key(result.commandId), JSON.stringify(status), 'EX', ttlSeconds);
      return status;
    },
    async remove(commandId) {
      await redis.del(key(commandId));
    },
  };
}
