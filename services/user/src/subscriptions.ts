import type { CommandRecords } from '@smartcourse/contracts';
import { AppError, commandBatchHandler, type CommandHandling, type CommandPipeline, type IncomingMessage, type Subscription } from '@smartcourse/platform';
import { updateInstructorProfileHandler } from './instructors/commands.js';
import { changeRoleHandler, deactivateUserHandler, eraseUserHandler, reactivateUserHandler, updateProfileHandler } from './users/commands.js';

/** Every topic this service consumes, and the handler of each record type. */
export function subscriptions(pipeline: CommandPipeline): Subscription[] {
  const commands: Record<Extract<keyof CommandRecords, `smartcourse.commands.user.${string}`>, CommandHandling> = {
    'smartcourse.commands.user.UpdateProfile': updateProfileHandler(pipeline),
    'smartcourse.commands.user.ChangeRole': changeRoleHandler(pipeline),
    'smartcourse.commands.user.DeactivateUser': deactivateUserHandler(pipeline),
    'smartcourse.commands.user.ReactivateUser': reactivateUserHandler(pipeline),
    'smartcourse.commands.user.EraseUser': eraseUserHandler(pipeline),
    'smartcourse.commands.user.UpdateInstructorProfile': updateInstructorProfileHandler(pipeline),
  };
  const commandOf = (message: IncomingMessage): CommandHandling => {
    const handling = commands[message.recordName as keyof typeof commands];
    if (!handling) throw new AppError({ code: 'UNKNOWN_COMMAND', status: 400, message: `no handler for ${message.recordName}` });
    return handling;
  };
  return [
    {
      topic: 'user.commands',
      // A command sent before the group first ran is still the group's to handle (the inbox dedupes).
      fromBeginning: true,
      handle: (message, log) => commandOf(message).handle(message, log),
      // Commands waiting in one partition share a transaction: one commit, one relay batch.
      handleBatch: commandBatchHandler(pipeline, (message) => commandOf(message).step),
    },
  ];
}
