import express, { type Express, type RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { extractTraceContext, inSpan } from '../trace-context.js';
import { header, type RequestContext } from './context.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { keepRawBody } from './raw-body.js';

export type ReadinessCheck = { name: string; check(): Promise<void> };

export interface HttpAppOptions {
  logger: Logger;
  metrics: Metrics;
  readiness: readonly ReadinessCheck[];
  bodyLimit?: string;
  /** Mounts the routes of the process; runs after the scaffold's own middleware. */
  routes(app: Express): void;
  /** Middleware that must run before body parsing (e.g. security headers, rate limits). */
  before?: RequestHandler[];
  /**
   * Guards the detailed /ready and /metrics (e.g. `internalAuth(token)`) on a port the public
   * reaches; /health, the bare liveness, stays open. Unset on the services' loopback ports.
   */
  operationsAccess?: RequestHandler;
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(check: ReadinessCheck): Promise<void> {
  return Promise.race([
    check.check(),
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`${check.name} timed out`)), CHECK_TIMEOUT_MS).unref()),
  ]);
}

/**
 * The HTTP scaffold every process uses: request and correlation ids, a span per request,
 * JSON bodies with a size limit, latency metrics, /health, /ready, /metrics, and the error envelope.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const requestId = header(req, 'x-request-id') ?? randomUUID();
    const correlationId = header(req, 'x-correlation-id') ?? requestId;
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-correlation-id', correlationId);
    const context: RequestContext = { requestId, correlationId, log: options.logger.child({ requestId, correlationId }) };
    Object.assign(res.locals, context);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      options.metrics.httpDuration.observe({ method: req.method, route: `${req.baseUrl}${route}`, status: String(res.statusCode) }, seconds);
    });
    const parent = extractTraceContext(req.headers as Record<string, string | undefined>);
    inSpan(`${req.method} ${req.path}`, { kind: 'server', parent }, () => {
      next();
      return new Promise<void>((resolve) => res.on('close', resolve));
    }).catch(next);
  });

  app.get('/health', (_req, res) => {
    res.json({ data: { status: 'ok' } });
  });
  const operations: RequestHandler[] = options.operationsAccess ? [options.operationsAccess] : [];
  app.get('/ready', ...operations, async (_req, res) => {
    const results = await Promise.all(
      options.readiness.map(async (check) => {
        try {
          await withTimeout(check);
          return [check.name, 'ok'] as const;
        } catch (error) {
          return [check.name, (error as Error).message] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    res.status(ready ? 200 : 503).json({ data: { ready, checks: Object.fromEntries(results) } });
  });
  app.get('/metrics', ...operations, async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });

  for (const middleware of options.before ?? []) app.use(middleware);
  app.use(express.json({ limit: options.bodyLimit ?? '64kb', strict: true, verify: keepRawBody }));
  options.routes(app);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
