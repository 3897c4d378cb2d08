import { Router } from 'express';
import { forbidden, notFound, type TokenSettings } from '@smartcourse/platform';
import { requireUser, userOf } from '../auth/middleware.js';
import type { CommandStatusStore } from './status.js';

export function commandRoutes(deps: { statuses: CommandStatusStore; tokens: TokenSettings }): Router {
  const router = Router();
  router.get('/api/commands/:id', requireUser(deps.tokens), async (req, res) => {
    const user = userOf(res);
    const status = await deps.statuses.get(req.params.id as string);
    if (!status) throw notFound('COMMAND_NOT_FOUND', 'No such command (statuses are kept for a day).');
    if (status.actorId !== user.userId && user.role !== 'admin') throw forbidden('This command is not yours.');
    res.json({ data: status });
  });
  return router;
}
