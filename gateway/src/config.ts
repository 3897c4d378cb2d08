import { z } from 'zod';
import { processSpec, services } from '@smartcourse/contracts';
import { baseConfig, loadConfig, port, tokenConfig } from '@smartcourse/platform';
import { parseRate, type Rate } from './edge/rules.js';

const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): Rate => {
      const parsed = parseRate(text);
      if (!parsed) ctx.addIssue({ code: 'custom', message: 'expected <count>/<s|min|hour>, e.g. 20/min' });
      return parsed ?? z.NEVER;
    });

/** Comma-separated origins allowed to call the API from a browser (with credentials). */
const originList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .pipe(z.array(z.url()));

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...tokenConfig,
    GATEWAY_PORT: port.default(processSpec('gateway').port),
    GATEWAY_HOST: z.string().default('127.0.0.1'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    /** How long a command request waits for its result before answering 202. */
    COMMAND_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3000),
    /** How long command statuses stay readable at /api/commands/{id}. */
    COMMAND_STATUS_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
    BODY_LIMIT: z.string().default('32kb'),
    CORS_ORIGINS: originList,
    /** Per client IP on public routes. */
    RATE_LIMIT_ANONYMOUS: rate('120/min'),
    /** Per client IP (per user when signed in) on credential routes: login, register, password reset. */
    RATE_LIMIT_CREDENTIALS: rate('20/min'),
    /** Per client IP on public lookups by a code: certificate verification. */
    RATE_LIMIT_VERIFICATION: rate('30/min'),
    /** Per user id on authenticated routes. */
    RATE_LIMIT_USER: rate('300/min'),
    /** How long an `Idempotency-Key` and its first answer are kept. */
    IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
    /** How often an idle notification stream gets a comment line, so proxies do not close it. */
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** The reconnection delay a notification stream suggests to its client (`retry:`). */
    SSE_RETRY_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
    /** Notification streams one person may hold open on one gateway; one more answers 429 `TOO_MANY_STREAMS`. */
    SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
    /** Notifications one stream connection replays at most (`Last-Event-ID`); past them it ends and the client resumes. */
    SSE_CATCH_UP_LIMIT: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Replicas of every topic, as scripts/provision.ts created them (same variable): the AsyncAPI document shows it. */
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  }),
);

/** `USER_SERVICE_URL`, …: the variable naming where a service of the topology answers. */
const urlVariable = (service: (typeof services)[number]) => service.urlEnv ?? `${service.name.toUpperCase().replaceAll('-', '_')}_SERVICE_URL`;

const urls: Record<string, string> = loadConfig(
  z.object(Object.fromEntries(services.map((service) => [urlVariable(service), z.url().default(`http://127.0.0.1:${service.port}`)]))),
);

/** The internal API of each service the topology declares, by service name. */
export const serviceUrls: ReadonlyMap<string, string> = new Map(services.map((service) => [service.name, urls[urlVariable(service)] as string]));
