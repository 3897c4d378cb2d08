import type { Response } from 'express';
import type { CommandRecords, CommandStatus } from '@smartcourse/contracts';
import { requestContext } from '@smartcourse/platform';
import { actorOf } from '../auth/middleware.js';
import { commandIdOf } from '../edge/idempotency.js';
import type { CommandBus } from './bus.js';

type UserCommandName = Extract<keyof CommandRecords, `smartcourse.commands.user.${string}`>;
type OwnFields<N extends UserCommandName> = Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor' | 'userId'>;

/** Sends a command about one user to `user.commands` (keyed by that user) on behalf of the caller. */
export function sendUserCommand<N extends UserCommandName>(
  bus: CommandBus,
  res: Response,
  recordName: N,
  userId: string,
  fields: OwnFields<N>,
): Promise<CommandStatus> {
  const actor = actorOf(res);
  return bus.dispatch({
    recordName,
    topic: 'user.commands',
    key: userId,
    actor,
    correlationId: requestContext(res).correlationId,
    value: { commandId: commandIdOf(res), issuedAt: Date.now(), actor, userId, ...fields } as CommandRecords[N],
  });
}
