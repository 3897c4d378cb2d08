import type { Response } from 'express';
import { CommandStatus, UpdateProfileRequest, UserEndpoint, UserProfile } from '@smartcourse/contracts';
import { actorOf } from '../../../auth/middleware.js';
import type { CommandBus } from '../../../commands/bus.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { checkFileReferences } from '../../media/usable-files.js';
import { route, type RouteSpec } from '../../../routing/spec.js';

/** The signed-in user's own profile: reads are queries, changes are commands. */
export function userRoutes(deps: { users: InternalClient; media: InternalClient; bus: CommandBus }): RouteSpec[] {
  const readMe = (res: Response) => forward(res, deps.users, UserEndpoint, { params: { id: actorOf(res).userId } });
  return [
    route({
      method: 'get',
      path: '/api/users/me',
      summary: 'Read my profile',
      tag: 'users',
      access: 'authenticated',
      responses: { 200: { description: 'My profile', body: UserProfile } },
      handler: (_input, res) => readMe(res),
    }),
    route({
      method: 'patch',
      path: '/api/users/me',
      summary: 'Change my full name, bio or avatar (a file id; null removes the avatar)',
      tag: 'users',
      access: 'authenticated',
      command: true,
      request: { body: UpdateProfileRequest },
      responses: {
        200: { description: 'The changed profile', body: UserProfile, headers: { 'x-command-id': 'The command id' } },
        202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
      },
      errors: [{ code: 'FILE_NOT_USABLE', description: 'avatarFileId is not a ready avatar upload of the caller (admins may use any).' }],
      async handler({ body: change }, res) {
        const avatar = { field: 'avatarFileId', ids: change.avatarFileId ? [change.avatarFileId] : [], purpose: 'avatar' } as const;
        if (!(await checkFileReferences(deps.media, res, [avatar]))) return;
        const { userId } = actorOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.UpdateProfile', 'userId', {
          userId,
          fullName: change.fullName ?? null,
          bio: change.bio ?? null,
          avatarFileId: change.avatarFileId ?? null,
          clear: change.avatarFileId === null ? ['avatarFileId'] : [],
        });
        await respondToCommand(res, status, () => readMe(res));
      },
    }),
  ];
}
