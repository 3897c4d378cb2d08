import type { CommandRecords } from '@smartcourse/contracts';
import { AppError, type Handler, type Subscription } from '@smartcourse/platform';
import { handleUpdateProfile, type CommandDeps } from './users/commands.js';

/** Every topic this service consumes, and the handler of each record type. */
export function subscriptions(deps: CommandDeps): Subscription[] {
  const commands: Partial<Record<keyof CommandRecords, Handler>> = {
    'smartcourse.commands.user.UpdateProfile': (message, log) => handleUpdateProfile(deps, message, log),
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
