import { Router } from 'express';
import { notFound, type Knex } from '@smartcourse/platform';
import { findUser } from '../users/store.js';
import { findProfile } from './store.js';

/** The public instructor profile: name from the account, the rest from the profile. */
export function instructorRoutes(deps: { db: Knex }): Router {
  const router = Router();
  router.get('/internal/instructors/:id', async (req, res) => {
    const user = /^[0-9a-f-]{36}$/i.test(req.params.id) ? await findUser(deps.db, req.params.id) : undefined;
    if (!user || user.role !== 'instructor' || user.status !== 'active') throw notFound('INSTRUCTOR_NOT_FOUND', 'No such instructor.');
    const profile = await findProfile(deps.db, user.id);
    res.json({
      data: {
        id: user.id,
        fullName: user.fullName,
        title: profile?.title ?? null,
        bio: profile?.bio ?? null,
        expertise: profile?.expertise ?? [],
        updatedAt: (profile?.updatedAt ?? user.updatedAt).toISOString(),
      },
    });
  });
  return router;
}
