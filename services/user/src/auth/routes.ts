import { Router } from 'express';
import { LoginRequest, RegisterRequest } from '@smartcourse/contracts';
import { newContext, parse, requestContext } from '@smartcourse/platform';
import { login, register, type CredentialDeps } from './credentials.js';

/** Credential operations: synchronous, so passwords never travel through Kafka. */
export function authRoutes(deps: CredentialDeps): Router {
  const router = Router();
  router.post('/internal/auth/register', async (req, res) => {
    const input = parse(RegisterRequest, req.body);
    const profile = await register(deps, input, newContext(requestContext(res).correlationId));
    requestContext(res).log.info({ userId: profile.id }, 'user registered');
    res.status(201).json({ data: profile });
  });
  router.post('/internal/auth/login', async (req, res) => {
    res.json({ data: await login(deps, parse(LoginRequest, req.body)) });
  });
  return router;
}
