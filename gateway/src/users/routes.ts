import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import { LoginRequest, RegisterRequest, UpdateProfileRequest } from '@smartcourse/contracts';
import { parse, requestContext, type TokenSettings } from '@smartcourse/platform';
import { actorOf, requireUser } from '../auth/middleware.js';
import type { CommandBus } from '../commands/bus.js';
import { respondToCommand } from '../commands/respond.js';
import type { InternalClient, ServiceResponse } from '../internal-client.js';

export interface UserRouteDeps {
  users: InternalClient;
  bus: CommandBus;
  tokens: TokenSettings;
}

const relay = (res: Response, answer: ServiceResponse) => res.status(answer.status).json(answer.body);

/** Account and profile routes: credentials and reads go to the user service over HTTP, changes as commands. */
export function userRoutes(deps: UserRouteDeps): Router {
  const router = Router();
  const authenticated = requireUser(deps.tokens);

  router.post('/api/auth/register', async (req, res) => {
    const body = parse(RegisterRequest, req.body);
    relay(res, await deps.users.call('/internal/auth/register', { method: 'POST', body, correlationId: requestContext(res).correlationId }));
  });

  router.post('/api/auth/login', async (req, res) => {
    const body = parse(LoginRequest, req.body);
    relay(res, await deps.users.call('/internal/auth/login', { method: 'POST', body, correlationId: requestContext(res).correlationId }));
  });

  router.get('/api/users/me', authenticated, async (_req, res) => {
    const actor = actorOf(res);
    relay(res, await deps.users.call(`/internal/users/${actor.userId}`, { actor, correlationId: requestContext(res).correlationId }));
  });

  router.patch('/api/users/me', authenticated, async (req, res) => {
    const change = parse(UpdateProfileRequest, req.body);
    const actor = actorOf(res);
    const { correlationId } = requestContext(res);
    const status = await deps.bus.dispatch({
      recordName: 'smartcourse.commands.user.UpdateProfile',
      topic: 'user.commands',
      key: actor.userId,
      actor,
      correlationId,
      value: {
        commandId: randomUUID(),
        issuedAt: Date.now(),
        actor,
        userId: actor.userId,
        fullName: change.fullName ?? null,
        bio: change.bio ?? null,
      },
    });
    await respondToCommand(res, status, async () => {
      relay(res, await deps.users.call(`/internal/users/${actor.userId}`, { actor, correlationId }));
    });
  });

  return router;
}
