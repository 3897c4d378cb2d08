import { Router } from 'express';
import { LoginRequest } from '@smartcourse/contracts';
import { parse } from '@smartcourse/platform';
import { login, type LoginDeps } from './login.js';

/** Session operations: synchronous HTTP, so credentials and tokens never travel through Kafka. */
export function sessionRoutes(deps: LoginDeps): Router {
  const router = Router();
  router.post('/internal/auth/login', async (req, res) => {
    res.json({ data: await login(deps, parse(LoginRequest, req.body)) });
  });
  return router;
}
