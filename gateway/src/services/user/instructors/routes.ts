import { CommandStatus, IdParams, InstructorEndpoint, InstructorProfileRequest, PublicInstructor } from '@smartcourse/contracts';
import type { Response } from 'express';
import { actorOf } from '../../../auth/middleware.js';
import type { CommandBus } from '../../../commands/bus.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type RouteSpec } from '../../../routing/spec.js';

/** Instructor profiles: public to read, changed by the instructor as a command. */
export function instructorRoutes(deps: { users: InternalClient; bus: CommandBus }): RouteSpec[] {
  const readProfile = (res: Response, id: string) => forward(res, deps.users, InstructorEndpoint, { params: { id } });

  return [
    route({
      method: 'get',
      path: '/api/instructors/:id',
      summary: "An instructor's public profile",
      tag: 'instructors',
      access: 'public',
      request: { params: IdParams },
      responses: { 200: { description: 'The profile', body: PublicInstructor } },
      errors: [{ code: 'INSTRUCTOR_NOT_FOUND' }],
      handler: ({ params: { id } }, res) => readProfile(res, id),
    }),
    route({
      method: 'put',
      path: '/api/instructors/me/profile',
      summary: 'Set my instructor profile (title, bio, expertise)',
      tag: 'instructors',
      access: ['instructor'],
      command: true,
      request: { body: InstructorProfileRequest },
      responses: {
        200: { description: 'My public profile', body: PublicInstructor, headers: { 'x-command-id': 'The command id' } },
        202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
      },
      async handler({ body }, res) {
        const { userId } = actorOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.UpdateInstructorProfile', 'userId', { userId, ...body });
        await respondToCommand(res, status, () => readProfile(res, userId));
      },
    }),
  ];
}
