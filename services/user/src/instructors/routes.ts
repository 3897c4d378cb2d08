import { Router } from 'express';
import { InstructorEndpoint } from '@smartcourse/contracts';
import { notFound, serveEndpoint, type Knex } from '@smartcourse/platform';
import { findUser } from '../users/store.js';
import { findProfile } from './store.js';

/** The public instructor profile: name from the account, the rest from the profile. */
export function instructorRoutes(deps: { db: Knex }): Router {
  const router = Router();
  serveEndpoint(router, InstructorEndpoint, async ({ params: { id } }, res) => {
    const user = await findUser(deps.db, id);
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
