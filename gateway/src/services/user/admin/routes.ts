import {
  AdminUserEndpoint,
  AdminUsersEndpoint,
  ChangeRoleRequest,
  CommandStatus,
  DeactivateRequest,
  IdParams,
  UserList,
  UserListQuery,
  UserProfile,
} from '@smartcourse/contracts';
import type { TokenSettings } from '@smartcourse/platform';
import type { Response } from 'express';
import type { DenyList } from '../../../auth/deny-list.js';
import type { CommandBus } from '../../../commands/bus.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import type { InternalClient } from '../../../internal-client.js';
import { forward } from '../../../relay.js';
import { route, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const admin = ['admin'] as const;
const notFound: ErrorSpec = { code: 'USER_NOT_FOUND' };
const commandResponses = (what: string) => ({
  200: { description: what, body: UserProfile, headers: { 'x-command-id': 'The command id' } },
  202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
});

/** Account administration: reads are queries, changes are commands to the user service. */
export function adminRoutes(deps: { users: InternalClient; bus: CommandBus; denyList: DenyList; tokens: TokenSettings }): RouteSpec[] {
  const readUser = (res: Response, id: string) => forward(res, deps.users, AdminUserEndpoint, { params: { id } });
  /**
   * A role change, deactivation or erasure takes the person's rights away: their tokens issued
   * until now are refused before the admin hears it is done. Every gateway also learns it from
   * the account event (account-events.ts); this answers for the moment in between.
   */
  const voidTokensThenRead = async (res: Response, id: string) => {
    await deps.denyList.denyUser(id, Date.now(), deps.tokens.accessTtlSeconds);
    await readUser(res, id);
  };

  return [
    route({
      method: 'get',
      path: '/api/admin/users',
      summary: 'List users (pagination, search by email or name, filter by role and status)',
      tag: 'admin',
      access: admin,
      request: { query: UserListQuery },
      responses: { 200: { description: 'One page of users', body: UserList } },
      handler: ({ query }, res) => forward(res, deps.users, AdminUsersEndpoint, { query }),
    }),
    route({
      method: 'get',
      path: '/api/admin/users/:id',
      summary: 'Read one user',
      tag: 'admin',
      access: admin,
      request: { params: IdParams },
      responses: { 200: { description: 'The user', body: UserProfile } },
      errors: [notFound],
      handler: ({ params }, res) => forward(res, deps.users, AdminUserEndpoint, { params }),
    }),
    route({
      method: 'put',
      path: '/api/admin/users/:id/role',
      summary: "Change a user's role",
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams, body: ChangeRoleRequest },
      responses: commandResponses('The user with the new role'),
      errors: [notFound, { code: 'CANNOT_CHANGE_OWN_ROLE' }],
      async handler({ params: { id }, body }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.ChangeRole', 'userId', { userId: id, role: body.role });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/users/:id/deactivate',
      summary: 'Deactivate an account (no login; its sessions are revoked)',
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams, body: DeactivateRequest },
      responses: commandResponses('The deactivated user'),
      errors: [notFound, { code: 'CANNOT_DEACTIVATE_SELF' }],
      async handler({ params: { id }, body: { reason } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.DeactivateUser', 'userId', { userId: id, reason: reason ?? null });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    }),
    route({
      method: 'post',
      path: '/api/admin/users/:id/reactivate',
      summary: 'Reactivate a deactivated account',
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams },
      responses: commandResponses('The reactivated user'),
      errors: [notFound],
      async handler({ params: { id } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.ReactivateUser', 'userId', { userId: id });
        await respondToCommand(res, status, () => readUser(res, id));
      },
    }),
    route({
      method: 'delete',
      path: '/api/admin/users/:id',
      summary: "Erase a user's personal data (tombstones on the compacted user topics, a user.erased event)",
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams },
      responses: commandResponses('What is left of the account'),
      errors: [notFound, { code: 'CANNOT_ERASE_SELF' }],
      async handler({ params: { id } }, res) {
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.EraseUser', 'userId', { userId: id });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    }),
  ];
}
