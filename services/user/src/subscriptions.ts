import type { CommandRecords } from '@smartcourse/contracts';
import { AppError, type Handler, type Subscription } from '@smartcourse/platform';
import { handleUpdateInstructorProfile } from './instructors/commands.js';
import {
  handleChangeRole,
  handleDeactivateUser,
  handleEraseUser,
  handleReactivateUser,
  handleUpdateProfile,
  type CommandDeps,
} from './users/commands.js';

/** Every topic this service consumes, and the handler of each record type. */
export function subscriptions(deps: CommandDeps): Subscription[] {
  const commands: Record<keyof CommandRecords, Handler> = {
    'smartcourse.commands.user.UpdateProfile': (message, log) => handleUpdateProfile(deps, message, log),
    'smartcourse.commands.user.ChangeRole': (message, log) => handleChangeRole(deps, message, log),
    'smartcourse.commands.user.DeactivateUser': (message, log) => handleDeactivateUser(deps, message, log),
    'smartcourse.commands.user.ReactivateUser': (message, log) => handleReactivateUser(deps, message, log),
    'smartcourse.commands.user.EraseUser': (message, log) => handleEraseUser(deps, message, log),
    'smartcourse.commands.user.UpdateInstructorProfile': (message, log) => handleUpdateInstructorProfile(deps, message, log),
  };
  return [
    {
      topic: 'user.commands',
      handle: (message, log) => {
        const handle = commands[message.recordName as keyof CommandRecords];
        if (!handle) throw new AppError({ code: 'UNKNOWN_COMMAND', status: 400, message: `no handler for ${message.recordName}` });
        return handle(message, log);
      },
    },
  ];
}
