import { ChangeRoleRequest, CommandStatus, DeactivateRequest, IdParams, UserList, UserListQuery, UserProfile } from '@smartcourse/contracts';
import { requestContext, type TokenSettings } from '@smartcourse/platform';
import type { Response } from 'express';
import type { DenyList } from '../../../auth/deny-list.js';
import { actorOf } from '../../../auth/middleware.js';
import type { CommandBus } from '../../../commands/bus.js';
import { respondToCommand } from '../../../commands/respond.js';
import { sendCommand } from '../../../commands/send.js';
import type { InternalClient } from '../../../internal-client.js';
import { relay } from '../../../relay.js';
import { searchOf } from '../../../routing/search.js';
import { inputOf, type ErrorSpec, type RouteSpec } from '../../../routing/spec.js';

const admin = ['admin'] as const;
const notFound: ErrorSpec = { code: 'USER_NOT_FOUND' };
const commandResponses = (what: string) => ({
  200: { description: what, body: UserProfile, headers: { 'x-command-id': 'The command id' } },
  202: { description: 'Accepted; the result is not back yet', body: CommandStatus, headers: { Location: 'Where to poll the status' } },
});

/** Account administration: reads are queries, changes are commands to the user service. */
export function adminRoutes(deps: { users: InternalClient; bus: CommandBus; denyList: DenyList; tokens: TokenSettings }): RouteSpec[] {
  const readUser = async (res: Response, id: string) =>
    relay(res, await deps.users.callPath(`/internal/admin/users/${id}`, { actor: actorOf(res), correlationId: requestContext(res).correlationId }));
  /**
   * A role change, deactivation or erasure takes the person's rights away: their tokens issued
   * until now are refused before the admin hears it is done. Every gateway also learns it from
   * the account event (account-events.ts); this answers for the moment in between.
   */
  const voidTokensThenRead = async (res: Response, id: string) => {
    await deps.denyList.denyUser(id, Date.now(), deps.tokens.accessTtlSeconds);
    await readUser(res, id);
  };
  const idOf = (res: Response) => inputOf<unknown, unknown, IdParams>(res).params.id;

  return [
    {
      method: 'get',
      path: '/api/admin/users',
      summary: 'List users (pagination, search by email or name, filter by role and status)',
      tag: 'admin',
      access: admin,
      request: { query: UserListQuery },
      responses: { 200: { description: 'One page of users', body: UserList } },
      async handler(_req, res) {
        const query = inputOf<unknown, UserListQuery>(res).query;
        relay(res, await deps.users.callPath(`/internal/admin/users${searchOf(query)}`, { actor: actorOf(res), correlationId: requestContext(res).correlationId }));
      },
    },
    {
      method: 'get',
      path: '/api/admin/users/:id',
      summary: 'Read one user',
      tag: 'admin',
      access: admin,
      request: { params: IdParams },
      responses: { 200: { description: 'The user', body: UserProfile } },
      errors: [notFound],
      handler: (_req, res) => readUser(res, idOf(res)),
    },
    {
      method: 'put',
      path: '/api/admin/users/:id/role',
      summary: "Change a user's role",
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams, body: ChangeRoleRequest },
      responses: commandResponses('The user with the new role'),
      errors: [notFound, { code: 'CANNOT_CHANGE_OWN_ROLE' }],
      async handler(_req, res) {
        const id = idOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.ChangeRole', 'userId', { userId: id, role: inputOf<ChangeRoleRequest>(res).body.role });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    },
    {
      method: 'post',
      path: '/api/admin/users/:id/deactivate',
      summary: 'Deactivate an account (no login; its sessions are revoked)',
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams, body: DeactivateRequest },
      responses: commandResponses('The deactivated user'),
      errors: [notFound, { code: 'CANNOT_DEACTIVATE_SELF' }],
      async handler(_req, res) {
        const id = idOf(res);
        const { reason } = inputOf<DeactivateRequest>(res).body;
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.DeactivateUser', 'userId', { userId: id, reason: reason ?? null });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    },
    {
      method: 'post',
      path: '/api/admin/users/:id/reactivate',
      summary: 'Reactivate a deactivated account',
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams },
      responses: commandResponses('The reactivated user'),
      errors: [notFound],
      async handler(_req, res) {
        const id = idOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.ReactivateUser', 'userId', { userId: id });
        await respondToCommand(res, status, () => readUser(res, id));
      },
    },
    {
      method: 'delete',
      path: '/api/admin/users/:id',
      summary: "Erase a user's personal data (tombstones on the compacted user topics, a user.erased event)",
      tag: 'admin',
      access: admin,
      command: true,
      request: { params: IdParams },
      responses: commandResponses('What is left of the account'),
      errors: [notFound, { code: 'CANNOT_ERASE_SELF' }],
      async handler(_req, res) {
        const id = idOf(res);
        const status = await sendCommand(deps.bus, res, 'smartcourse.commands.user.EraseUser', 'userId', { userId: id });
        await respondToCommand(res, status, () => voidTokensThenRead(res, id));
      },
    },
  ];
}
