import { Router } from 'express';
import { PreferencesUpdate } from '@smartcourse/contracts';
import { actorOf, parse } from '@smartcourse/platform';
import { preferencesOf } from './rules.js';
import { findChoices, type PreferenceModel } from './store.js';
import { updatePreferences } from './update.js';

/** The signed-in person's own notification preferences, for the gateway. */
export function preferenceRoutes(deps: { preferences: PreferenceModel }): Router {
  const router = Router();

  router.get('/internal/notifications/preferences', async (_req, res) => {
    const actor = actorOf(res);
    res.json({ data: preferencesOf(await findChoices(deps.preferences, actor.userId)) });
  });

  router.put('/internal/notifications/preferences', async (req, res) => {
    const actor = actorOf(res);
    const update = parse(PreferencesUpdate, req.body);
    res.json({ data: await updatePreferences(deps.preferences, actor.userId, update) });
  });

  return router;
}
