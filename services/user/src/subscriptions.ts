import type { CommandRecords } from '@smartcourse/contracts';
import { AppError, type CommandPipeline, type Handler, type Subscription } from '@smartcourse/platform';
import { updateInstructorProfileHandler } from './instructors/commands.js';
import { changeRoleHandler, deactivateUserHandler, eraseUserHandler, reactivateUserHandler, updateProfileHandler } from './users/commands.js';

/** Every topic this service consumes, and the handler of each record type. */
export function subscriptions(pipeline: CommandPipeline): Subscription[] {
  const commands: Record<keyof CommandRecords, Handler> = {
    'smartcourse.commands.user.UpdateProfile': updateProfileHandler(pipeline),
    'smartcourse.commands.user.ChangeRole': changeRoleHandler(pipeline),
    'smartcourse.commands.user.DeactivateUser': deactivateUserHandler(pipeline),
    'smartcourse.commands.user.ReactivateUser': reactivateUserHandler(pipeline),
    'smartcourse.commands.user.EraseUser': eraseUserHandler(pipeline),
    'smartcourse.commands.user.UpdateInstructorProfile': updateInstructorProfileHandler(pipeline),
  };
  return [
    {
      topic: 'user.commands',
      // A command sent before the group first ran is still the group's to handle (the inbox dedupes).
      fromBeginning: true,
      handle: (message, log) => {
        const handle = commands[message.recordName as keyof CommandRecords];
        if (!handle) throw new AppError({ code: 'UNKNOWN_COMMAND', status: 400, message: `no handler for ${message.recordName}` });
        return handle(message, log);
      },
    },
  ];
}
