import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validate, compileErrors } from '@readme/openapi-parser';
import { services } from '@smartcourse/contracts';
import { env } from '../../test/support/env.js';
import { api, newUser, type Answer } from '../../test/support/http.js';
import { closeKafka, decode, readTopic } from '../../test/support/kafka.js';
import { operationsHeaders } from '../../test/support/operations.js';
import { usePlatform } from '../../test/support/platform.js';
import { startProcess, type RunningProcess } from '../../test/support/processes.js';
import { buildGatewayApp, mountedRoutes } from './mounted-routes.js';

/** A gateway with low limits and one allowed browser origin, beside the platform's generous one. */
const STRICT_PORT = 3020;
const ALLOWED_ORIGIN = 'https://app.example.test';

usePlatform();

let strict: RunningProcess;
beforeAll(async () => {
  strict = await startProcess('gateway', {
    port: STRICT_PORT,
    env: {
      GATEWAY_PORT: String(STRICT_PORT),
      RATE_LIMIT_ANONYMOUS: '5/min',
      RATE_LIMIT_CREDENTIALS: '3/min',
      RATE_LIMIT_USER: '4/min',
      CORS_ORIGINS: `${ALLOWED_ORIGIN}, https://admin.example.test`,
    },
  });
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await strict?.stop();
});

/** A request to the strict gateway, from a client address of the test's choosing (trusted from loopback). */
async function strictCall(
  method: string,
  path: string,
  options: { ip?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`http://127.0.0.1:${STRICT_PORT}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A client address no earlier run has used, so its counters start empty. */
const freshIp = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;

describe('security headers and CORS', () => {
  it('sends helmet security headers and no X-Powered-By', async () => {
    const answer = await api('GET', '/api/users/me');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('answers a preflight from an allowed origin with credentials and the headers a client sends', async () => {
    const answer = await strictCall('OPTIONS', '/api/users/me', {
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    expect(answer.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(answer.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(answer.headers.get('vary')?.toLowerCase()).toContain('origin');
  });

  it('exposes the rate-limit and command headers to an allowed origin', async () => {
    const answer = await strictCall('GET', '/api/openapi.json', { ip: freshIp(), headers: { origin: 'https://admin.example.test' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://admin.example.test');
    expect(answer.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('RateLimit-Remaining'));
    expect(answer.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('X-Command-Id'));
  });

  it('gives a refused origin no CORS headers, so a browser blocks the answer', async () => {
    const preflight = await strictCall('OPTIONS', '/api/users/me', {
      headers: { origin: 'https://evil.example.test', 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PATCH');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const simple = await api('GET', '/api/users/me', { headers: { origin: ALLOWED_ORIGIN } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull(); // the platform gateway lists no origin
  });
});

describe('rate limits', () => {
  it('counts credential routes per client IP and answers 429 RATE_LIMITED with Retry-After and RateLimit headers', async () => {
    const ip = freshIp();
    const login = { email: `nobody-${randomUUID()}@example.test`, password: 'not-the-password' };
    const remaining: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await strictCall('POST', '/api/auth/login', { ip, body: login });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(answer.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await strictCall('POST', '/api/auth/login', { ip, body: login });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBe(retryAfter);
    expect(refused.headers.get('ratelimit-policy')).toBe('3;w=60');

    const otherClient = await strictCall('POST', '/api/auth/login', { ip: freshIp(), body: login });
    expect(otherClient.status).toBe(401);
  });

  it('counts other public routes per IP with the anonymous policy', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await strictCall('GET', '/api/openapi.json', { ip })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts signed-in routes per user, whatever the address', async () => {
    const [tired, fresh] = await Promise.all([newUser('Limited'), newUser('Unlimited')]);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await strictCall('GET', '/api/users/me', { ip: freshIp(), token: tired.token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const other = await strictCall('GET', '/api/users/me', { token: fresh.token });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('3');
  });

  it('sends the RateLimit headers on successful answers too', async () => {
    const user = await newUser('Headers');
    const me = await api('GET', '/api/users/me', { token: user.token });
    expect(me.status).toBe(200);
    expect(me.headers.get('ratelimit-limit')).toBe('100000');
    expect(Number(me.headers.get('ratelimit-remaining'))).toBeLessThan(100000);
    expect(Number(me.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
  });
});

/** UpdateProfile commands on user.commands for one user, decoded. */
async function profileCommandsOf(userId: string): Promise<Array<{ commandId: string; bio: string | null }>> {
  const records = (await readTopic('user.commands')).filter((record) => record.key === userId);
  const values = await Promise.all(records.map((record) => decode<{ commandId: string; bio: string | null; userId: string }>(record)));
  return values.filter((value) => 'bio' in value);
}

describe('Idempotency-Key on commands', () => {
  it('returns the first answer to a retry and writes exactly one command', async () => {
    const user = await newUser('Retry');
    const key = `profile-${randomUUID()}`;
    const first = await api('PATCH', '/api/users/me', {
      token: user.token,
      body: { bio: 'once', fullName: 'Retry Once' },
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(200);
    const commandId = first.headers.get('x-command-id');
    expect(commandId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // derived from the key
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // The same request, its keys in another order.
    const retry = await api('PATCH', '/api/users/me', {
      token: user.token,
      body: { fullName: 'Retry Once', bio: 'once' },
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('x-command-id')).toBe(commandId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    const commands = await profileCommandsOf(user.id);
    expect(commands.map((command) => command.commandId)).toEqual([commandId]);
  });

  it('refuses the same key on a different body with 422 IDEMPOTENCY_KEY_REUSED and sends nothing', async () => {
    const user = await newUser('Reuse');
    const key = randomUUID();
    expect((await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'first' }, headers: { 'idempotency-key': key } })).status).toBe(200);
    const reused = await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'second' }, headers: { 'idempotency-key': key } });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await api('GET', '/api/users/me', { token: user.token })).body.data.bio).toBe('first');
    expect(await profileCommandsOf(user.id)).toHaveLength(1);
  });

  it('scopes keys per user: another user with the same key gets a command of its own', async () => {
    const [a, b] = await Promise.all([newUser('ScopeA'), newUser('ScopeB')]);
    const key = `shared-${randomUUID()}`;
    const first = await api('PATCH', '/api/users/me', { token: a.token, body: { bio: 'same' }, headers: { 'idempotency-key': key } });
    const second = await api('PATCH', '/api/users/me', { token: b.token, body: { bio: 'same' }, headers: { 'idempotency-key': key } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.data.id).toBe(b.id);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('x-command-id')).not.toBe(first.headers.get('x-command-id'));
  });

  it('never sends a second command for concurrent requests with one key: the other waits 409 IDEMPOTENCY_IN_PROGRESS or replays', async () => {
    const user = await newUser('Concurrent');
    const key = randomUUID();
    const send = () => api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'racing' }, headers: { 'idempotency-key': key } });
    const answers = await Promise.all([send(), send(), send()]);
    const fresh = answers.filter((answer) => answer.status === 200 && answer.headers.get('idempotent-replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const answer of answers.filter((other) => other !== fresh[0])) {
      if (answer.status === 409) {
        expect(answer.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        expect(answer.headers.get('retry-after')).toBe('1');
      } else expect(answer.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await profileCommandsOf(user.id)).toHaveLength(1);
  });

  it('refuses a malformed key with 400 VALIDATION_ERROR', async () => {
    const user = await newUser('BadKey');
    for (const key of ['has space', 'x'.repeat(256)]) {
      const answer = await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'x' }, headers: { 'idempotency-key': key } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'headers.Idempotency-Key' }] });
    }
  });
});

describe('unknown paths and methods', () => {
  it('answers a known path with another method 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const answer = await api('DELETE', '/api/users/me');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PATCH');
    expect(answer.body.error.code).toBe('METHOD_NOT_ALLOWED');
    const withParam = await api('POST', `/api/commands/${randomUUID()}`);
    expect(withParam.status).toBe(405);
    expect(withParam.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers a broken percent-escape in a path parameter 400 MALFORMED_URL, not a 500', async () => {
    const user = await newUser('BadUrl');
    const answer = await api('GET', '/api/commands/%E0%A4%A', { token: user.token });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: { code: 'MALFORMED_URL', message: expect.any(String) } });
  });

  it('answers an unknown path 404 in the error envelope', async () => {
    const answer = await api('GET', '/api/no-such-thing');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});

describe('OpenAPI and Swagger UI', () => {
  it('serves a valid OpenAPI 3.1 document that covers every mounted route', async () => {
    const answer = await api('GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body;
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    if (!result.valid) throw new Error(compileErrors(result));

    const { app, close } = buildGatewayApp();
    const mounted = mountedRoutes(app).filter((route) => !route.includes(' /api/docs/'));
    close();
    expect(mounted.length).toBeGreaterThan(10);
    for (const route of mounted) {
      const [method, path] = route.split(' ') as [string, string];
      expect({ route, documented: Boolean(document.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]) }).toEqual({ route, documented: true });
    }
  });

  it('describes security, roles, inputs, responses and the shared errors of each route', async () => {
    const { body: document } = await api('GET', '/api/openapi.json');
    const login = document.paths['/api/auth/login'].post;
    expect(login.security).toEqual([]);
    expect(login['x-rate-limit-policy']).toBe('credentials');
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('password');
    expect(login.responses['401'].content['application/json'].schema.allOf[1].properties.error.properties.code.enum).toContain('INVALID_CREDENTIALS');

    const patch = document.paths['/api/users/me'].patch;
    expect(patch.security).toEqual([{ bearerAuth: [] }]);
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '401', '403', '409', '413', '422', '429', '500', '503']));
    expect(patch.responses['429'].headers).toHaveProperty('Retry-After');
    expect(patch.responses['200'].headers).toHaveProperty('RateLimit-Remaining');
    expect(patch.responses['400'].content['application/json'].schema.allOf[1].properties.error.properties).toHaveProperty('details');

    const role = document.paths['/api/admin/users/{id}/role'].put;
    expect(role['x-roles']).toEqual(['admin']);
    expect(role.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path', required: true }));

    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(Object.keys(document.components.responses)).toEqual(
      expect.arrayContaining([
        'Error400',
        'Error401',
        'Error403',
        'Error404',
        'Error405',
        'Error409',
        'Error413',
        'Error422',
        'Error429',
        'Error500',
        'Error503',
      ]),
    );
  });

  it('serves Swagger UI from the package at /api/docs, pointed at the document', async () => {
    const page = await fetch('http://127.0.0.1:3000/api/docs');
    expect(page.status).toBe(200);
    expect(page.url).toBe('http://127.0.0.1:3000/api/docs/');
    const html = await page.text();
    expect(html).toContain('<div id="swagger-ui">');
    const initializer = await fetch('http://127.0.0.1:3000/api/docs/swagger-initializer.js');
    expect(await initializer.text()).toContain("url: '/api/openapi.json'");
    const bundle = await fetch('http://127.0.0.1:3000/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });
});

describe('health and readiness', () => {
  it('answers /health while alive and lists every dependency in /ready', async () => {
    expect((await api('GET', '/health')).body).toEqual({ data: { status: 'ok' } });
    const ready = await api('GET', '/ready', { headers: operationsHeaders() });
    expect(ready.status).toBe(200);
    expect(ready.body.data).toEqual({
      ready: true,
      checks: {
        kafka: 'ok',
        'schema-registry': 'ok',
        redis: 'ok',
        'notification-subscriber': 'ok',
        ...Object.fromEntries(services.map((service) => [`${service.name}-service`, 'ok'])),
        'result-consumer': 'ok',
        'account-events': 'ok',
      },
    });
  });

  it('keeps the detailed /ready and /metrics from the public: only the internal token opens them, /health stays open', async () => {
    for (const path of ['/ready', '/metrics']) {
      const attempts: Record<string, string>[] = [
        {},
        { 'x-internal-token': 'local-internal-token-change-me' },
        { 'x-internal-token': 'a-guess-of-the-right-length' },
      ];
      for (const headers of attempts) {
        const answer = await api('GET', path, { headers });
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('UNAUTHORIZED');
        expect(JSON.stringify(answer.body)).not.toMatch(/kafka|redis|http_request/);
      }
    }
    const metrics = await fetch(`${env.gatewayUrl}/metrics`, { headers: operationsHeaders() });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('http_request');
    expect((await api('GET', '/health')).status).toBe(200);
  });
});
