import { Router, type Request } from 'express';
import {
  CLIENT_IP_HEADER,
  CLIENT_USER_AGENT_HEADER,
  LoginEndpoint,
  LogoutEndpoint,
  MfaLoginEndpoint,
  RefreshEndpoint,
  RevokeSessionEndpoint,
  SessionsEndpoint,
  type SessionView,
} from '@smartcourse/contracts';
import { actorOf, header, notFound, requestContext, serveEndpoint } from '@smartcourse/platform';
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
  serveEndpoint(router, LoginEndpoint, async ({ body }, res, req) => {
    res.json({ data: await login(deps, body, clientOf(req)) });
  });
  serveEndpoint(router, MfaLoginEndpoint, async ({ body }, res) => {
    res.json({ data: await loginWithMfa(deps, body) });
  });
  serveEndpoint(router, RefreshEndpoint, async ({ body: { refreshToken } }, res) => {
    res.json({ data: await refresh(deps, refreshToken, requestContext(res).log) });
  });
  serveEndpoint(router, LogoutEndpoint, async ({ body: { sessionId } }, res) => {
    if (sessionId) await revokeSession(deps.db, actorOf(res).userId, sessionId);
    res.status(204).end();
  });
  serveEndpoint(router, SessionsEndpoint, async ({ query: { current } }, res) => {
    const usedSince = new Date(Date.now() - deps.sessions.refreshTtlSeconds * 1000);
    const rows = await listActiveSessions(deps.db, actorOf(res).userId, usedSince);
    res.json({ data: rows.map((row) => viewOf(row, current)) });
  });
  serveEndpoint(router, RevokeSessionEndpoint, async ({ params: { id } }, res) => {
    if (!(await revokeSession(deps.db, actorOf(res).userId, id))) throw notFound('SESSION_NOT_FOUND', 'No such session.');
    res.status(204).end();
  });
  return router;
}
