import { Router } from 'express';
import { PreferencesEndpoint, UpdatePreferencesEndpoint } from '@smartcourse/contracts';
import { actorOf, serveEndpoint } from '@smartcourse/platform';
import { preferencesOf } from './rules.js';
import { findChoices, type PreferenceModel } from './store.js';
import { updatePreferences } from './update.js';

/** The signed-in person's own notification preferences, for the gateway. */
export function preferenceRoutes(deps: { preferences: PreferenceModel }): Router {
  const router = Router();

  serveEndpoint(router, PreferencesEndpoint, async (_input, res) => {
    const actor = actorOf(res);
    res.json({ data: preferencesOf(await findChoices(deps.preferences, actor.userId)) });
  });

  serveEndpoint(router, UpdatePreferencesEndpoint, async ({ body }, res) => {
    const actor = actorOf(res);
    res.json({ data: await updatePreferences(deps.preferences, actor.userId, body) });
  });

  return router;
}
