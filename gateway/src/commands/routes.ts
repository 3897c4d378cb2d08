import { CommandStatus, IdParams } from '@smartcourse/contracts';
import { forbidden, notFound } from '@smartcourse/platform';
import { userOf } from '../auth/middleware.js';
import { route, type RouteSpec } from '../routing/spec.js';
import type { CommandStatusStore } from './status.js';

export function commandRoutes(deps: { statuses: CommandStatusStore }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/commands/:id',
      summary: 'The status of a command I sent',
      tag: 'commands',
      access: 'authenticated',
      request: { params: IdParams },
      responses: { 200: { description: 'The status', body: CommandStatus } },
      errors: [{ code: 'COMMAND_NOT_FOUND' }],
      async handler({ params: { id } }, res) {
        const user = userOf(res);
        const status = await deps.statuses.get(id);
        if (!status) throw notFound('COMMAND_NOT_FOUND', 'No such command (statuses are kept for a day).');
        if (status.actorId !== user.userId && user.role !== 'admin') throw forbidden('This command is not yours.');
        res.json({ data: status });
      },
    }),
  ];
}
