import type { CommandRecords } from '@smartcourse/contracts';
import { commandSubscription, type CommandHandling, type Pipeline, type Subscription } from '@smartcourse/platform';
import { updateInstructorProfileHandler } from './instructors/commands.js';
import { changeRoleHandler, deactivateUserHandler, eraseUserHandler, reactivateUserHandler, updateProfileHandler } from './users/commands.js';

/** Every topic this service consumes, and the handler of each record type. */
export function subscriptions(pipeline: Pipeline): Subscription[] {
  const commands: Record<Extract<keyof CommandRecords, `smartcourse.commands.user.${string}`>, CommandHandling> = {
    'smartcourse.commands.user.UpdateProfile': updateProfileHandler(pipeline),
    'smartcourse.commands.user.ChangeRole': changeRoleHandler(pipeline),
    'smartcourse.commands.user.DeactivateUser': deactivateUserHandler(pipeline),
    'smartcourse.commands.user.ReactivateUser': reactivateUserHandler(pipeline),
    'smartcourse.commands.user.EraseUser': eraseUserHandler(pipeline),
    'smartcourse.commands.user.UpdateInstructorProfile': updateInstructorProfileHandler(pipeline),
  };
  return [commandSubscription(pipeline, 'user.commands', commands)];
}
