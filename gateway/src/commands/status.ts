import type { Redis } from 'ioredis';
import type { CommandResult, CommandStatus } from '@smartcourse/contracts';
import { whenRedisAnswers } from '../edge/unavailable.js';

export type { CommandStatus } from '@smartcourse/contracts';

const key = (commandId: string) => `command:${commandId}`;
const UNAVAILABLE = 'Command statuses cannot be read or kept right now; try again.';

export interface CommandStatusStore {
  pending(status: CommandStatus): Promise<void>;
  /** Stores the final status; `known` (the pending status a waiting request holds) saves reading it first. */
  complete(result: CommandResult, known?: CommandStatus): Promise<CommandStatus | undefined>;
  get(commandId: string): Promise<CommandStatus | undefined>;
  remove(commandId: string): Promise<void>;
}

/** Statuses in Redis; without it they can be neither kept nor read: 503. */
export function createCommandStatusStore(redis: Redis, ttlSeconds: number): CommandStatusStore {
  async function get(commandId: string) {
    const raw = await whenRedisAnswers(UNAVAILABLE, () => redis.get(key(commandId)));
    return raw ? (JSON.parse(raw) as CommandStatus) : undefined;
  }
  return {
    get,
    async pending(status) {
      // NX: a retried command must not turn a final status back into pending.
      await whenRedisAnswers(UNAVAILABLE, () => redis.set(key(status.commandId), JSON.stringify(status), 'EX', ttlSeconds, 'NX'));
    },
    async complete(result, known) {
      const previous = known ?? (await get(result.commandId));
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
      await whenRedisAnswers(UNAVAILABLE, () => redis.set(key(result.commandId), JSON.stringify(status), 'EX', ttlSeconds));
      return status;
    },
    async remove(commandId) {
      await whenRedisAnswers(UNAVAILABLE, () => redis.del(key(commandId)));
    },
  };
}
