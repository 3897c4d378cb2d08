import { Router, type Response } from 'express';
import { AdminUserEndpoint, AdminUsersEndpoint } from '@smartcourse/contracts';
import { actorOf, forbidden, notFound, serveEndpoint, type Knex } from '@smartcourse/platform';
import { profileOf } from './rules.js';
import { findUser, listUsers } from './store.js';

/**
 * Admin queries over accounts; the gateway checks the role too, the service does not trust it
 * alone. This service owns the role, so the claim is checked against the account as it is now:
 * an admin demoted or deactivated a moment ago is refused here whatever the token says.
 */
export function adminUserRoutes(deps: { db: Knex }): Router {
  const router = Router();
  async function assertAdmin(res: Response): Promise<void> {
    const actor = actorOf(res);
    const current = actor.role === 'admin' ? await findUser(deps.db, actor.userId) : undefined;
    if (current?.role !== 'admin' || current.status !== 'active') throw forbidden('Only an admin may do this.');
  }
  serveEndpoint(router, AdminUsersEndpoint, async ({ query }, res) => {
    await assertAdmin(res);
    const { users, total } = await listUsers(deps.db, { page: query.page, perPage: query.per_page, search: query.q, role: query.role, status: query.status });
    res.json({
      data: users.map(profileOf),
      meta: { page: query.page, per_page: query.per_page, total, pages: Math.ceil(total / query.per_page) },
    });
  });
  serveEndpoint(router, AdminUserEndpoint, async ({ params: { id } }, res) => {
    await assertAdmin(res);
    const user = await findUser(deps.db, id);
    if (!user) throw notFound('USER_NOT_FOUND', 'No such user.');
    res.json({ data: profileOf(user) });
  });
  return router;
}
