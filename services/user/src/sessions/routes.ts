import { Router, type Request } from 'express';
import {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  LoginRequest,
  LogoutRequest,
  MfaLoginRequest,
  RefreshRequest,
  SessionListQuery,
  SessionParams,
  type SessionView,
} from '@smartcourse/contracts';
import { actorOf, header, notFound, parse, requestContext } from '@smartcourse/platform';
import type { SecretBox } from '../mfa/secret-box.js';
import { login, loginWithMfa, type Client, type LoginDeps } from './login.js';
import { refresh } from './refresh.js';
import { revokeSession } from './revocation.js';
import { listActiveSessions, type SessionRow } from './store.js';

const clientOf = (req: Request): Client => ({ userAgent: header(req, CLIENT_USER_AGENT_HEADER), clientIp: header(req, CLIENT_IP_HEADER) });

const viewOf = (row: SessionRow, currentId: string | undefined): SessionView => ({
  id: row.id,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at.toISOString(),
  userAgent: row.user_agent,
  clientIp: row.client_ip,
  current: row.id === currentId,
});

/** Session operations: synchronous HTTP, so credentials and tokens never travel through Kafka. */
export function sessionRoutes(deps: LoginDeps & { box: SecretBox }): Router {
  const router = Router();
  router.post('/internal/auth/login', async (req, res) => {
    res.json({ data: await login(deps, parse(LoginRequest, req.body), clientOf(req)) });
  });
  router.post('/internal/auth/login/mfa', async (req, res) => {
    res.json({ data: await loginWithMfa(deps, parse(MfaLoginRequest, req.body)) });
  });
  router.post('/internal/auth/refresh', async (req, res) => {
    const { refreshToken } = parse(RefreshRequest, req.body);
    res.json({ data: await refresh(deps, refreshToken, requestContext(res).log) });
  });
  router.post('/internal/auth/logout', async (req, res) => {
    const { sessionId } = parse(LogoutRequest, req.body);
    if (sessionId) await revokeSession(deps.db, actorOf(res).userId, sessionId);
    res.status(204).end();
  });
  router.get('/internal/auth/sessions', async (req, res) => {
    const { current } = parse(SessionListQuery, req.query);
    const usedSince = new Date(Date.now() - deps.sessions.refreshTtlSeconds * 1000);
    const rows = await listActiveSessions(deps.db, actorOf(res).userId, usedSince);
    res.json({ data: rows.map((row) => viewOf(row, current)) });
  });
  router.delete('/internal/auth/sessions/:id', async (req, res) => {
    const { id } = parse(SessionParams, req.params);
    if (!(await revokeSession(deps.db, actorOf(res).userId, id))) throw notFound('SESSION_NOT_FOUND', 'No such session.');
    res.status(204).end();
  });
  return router;
}
