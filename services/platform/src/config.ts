import { z } from 'zod';

/**
 * Secrets whose default only fits a developer's machine. With NODE_ENV=production, loadConfig
 * refuses such a variable when it is unset or holds its development value: a process must
 * not come up in production signing tokens with a key printed in this repository.
 */
const developmentSecrets = z.registry<{ developmentValue: string }>();

/** `schema` with a development default that production refuses (see loadConfig). */
export function developmentSecret<Out>(schema: z.ZodType<Out, string>, developmentValue: string, description: string) {
  const field = schema.prefault(developmentValue).describe(description);
  developmentSecrets.add(field, { developmentValue });
  return field;
}

/** The development value of a secret declared with developmentSecret, else undefined. */
export const developmentValueOf = (field: z.ZodType): string | undefined => developmentSecrets.get(field)?.developmentValue;

/**
 * Parses the process environment with a service's zod schema, once, at start-up.
 * A missing or wrong value stops the process with a message naming the variable.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? productionProblems(schema, parsed.data, env)
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  if (parsed.success && problems.length === 0) return parsed.data;
  process.stderr.write(`invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
  process.exit(78); // EX_CONFIG
}

function productionProblems(schema: z.ZodType, config: unknown, env: NodeJS.ProcessEnv): string[] {
  if ((config as { NODE_ENV?: unknown }).NODE_ENV !== 'production' || !(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([name, field]) => {
    const developmentValue = developmentValueOf(field);
    if (developmentValue === undefined || (env[name] !== undefined && env[name] !== developmentValue)) return [];
    return [`${name}: ${env[name] === undefined ? 'unset' : 'the development value'}; set a secret of your own in production`];
  });
}

/** Comma-separated host:port list, e.g. `127.0.0.1:9092,127.0.0.1:9094`. */
export const brokerList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1));

export const port = z.coerce.number().int().min(0).max(65535);

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Variables every process of the platform reads. */
export const baseConfig = {
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('`production` refuses the development secrets (a process stops at start-up naming them).'),
  LOG_LEVEL: logLevel.describe('pino log level.'),
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']).describe('Comma-separated host:port list of Kafka brokers.'),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7').describe('The Confluent-compatible schema registry API.'),
  INTERNAL_API_TOKEN: developmentSecret(
    z.string().min(16),
    'local-internal-token-change-me',
    "Shared secret the gateway presents to the services' internal APIs.",
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional().describe('Where to send traces (OTLP/HTTP, e.g. http://127.0.0.1:4318); none are exported when unset.'),
};

/** A service with a Postgres outbox: its relay. */
export const outboxConfig = {
  OUTBOX_RELAY_ENABLED: z
    .stringbool()
    .default(true)
    .describe('Off holds publication: rows stay in the outbox until a relay runs (maintenance, or a separate relay process).'),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000).describe("The relay's fallback poll; a commit wakes it at once."),
};

/** A process that builds links to the frontend. */
export const publicUrlConfig = {
  PUBLIC_APP_URL: z
    .url()
    .default('http://127.0.0.1:3000')
    .describe("The public address of the platform: links in mail, verification URLs, the credentials' issuer."),
};

/** A process that talks to the document store (its database name comes from the topology). */
export const documentStoreConfig = {
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL')
    .default('mongodb://127.0.0.1:27017')
    .describe('The document store (MongoDB, or FerretDB locally).'),
};

/** A process that uses Redis. */
export const redisConfig = {
  REDIS_URL: z.url().default('redis://127.0.0.1:6379').describe("Redis: the gateway's statuses, limits and deny-list; live pushes of notifications."),
};
