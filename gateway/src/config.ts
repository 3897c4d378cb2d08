import { z } from 'zod';
import { services, type ProcessName, type ProcessOf } from '@smartcourse/contracts';
import { baseConfig, placementConfig, redisConfig, tokenConfig } from '@smartcourse/platform';
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

const originList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()));

/** The variable naming where a service of the topology answers, e.g. `USER_SERVICE_URL`. */
type ServiceUrlEnv = Extract<ProcessOf<ProcessName>, { urlEnv: string }>['urlEnv'];

const serviceUrlConfig = Object.fromEntries(
  services.map((service) => [
    service.urlEnv,
    z.url().default(`http://127.0.0.1:${service.port}`).describe(`Where the gateway finds ${service.name}'s internal API.`),
  ]),
) as Record<ServiceUrlEnv, z.ZodDefault<z.ZodURL>>;

/** The gateway's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('gateway'),
  ...redisConfig,
  ...tokenConfig,
  ...serviceUrlConfig,
  COMMAND_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3000).describe('How long a command request waits for its result before answering 202.'),
  COMMAND_STATUS_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400).describe('How long command statuses stay readable at /api/commands/{id}.'),
  BODY_LIMIT: z.string().default('32kb').describe('The largest request body taken (bytes, or with a unit: 32kb).'),
  CORS_ORIGINS: originList.describe('Comma-separated origins allowed to call the API from a browser (with credentials).'),
  RATE_LIMIT_ANONYMOUS: rate('120/min').describe('Per client IP on public routes.'),
  RATE_LIMIT_CREDENTIALS: rate('20/min').describe('Per client IP (per user when signed in) on credential routes: login, register, password reset.'),
  RATE_LIMIT_VERIFICATION: rate('30/min').describe('Per client IP on public lookups by a code: certificate verification.'),
  RATE_LIMIT_USER: rate('300/min').describe('Per user id on authenticated routes.'),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400).describe('How long an `Idempotency-Key` and its first answer are kept.'),
  SSE_HEARTBEAT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(15_000)
    .describe('How often an idle notification stream gets a comment line, so proxies do not close it.'),
  SSE_RETRY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(3000)
    .describe('The reconnection delay a notification stream suggests to its client (`retry:`).'),
  SSE_MAX_STREAMS_PER_USER: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Notification streams one person may hold open on one gateway; one more answers 429 `TOO_MANY_STREAMS`.'),
  SSE_CATCH_UP_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .describe('Notifications one stream connection replays at most (`Last-Event-ID`); past them it ends and the client resumes.'),
  KAFKA_REPLICATION_FACTOR: z.coerce
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('Replicas of every topic, as scripts/provision.ts created them (same variable): the AsyncAPI document shows it.'),
});

export type Config = z.infer<typeof configSchema>;

/** The internal API of each service the topology declares, by service name. */
export const serviceUrlsOf = (config: Config): ReadonlyMap<string, string> =>
  new Map(services.map((service) => [service.name, (config as Record<string, unknown>)[service.urlEnv as string] as string]));
