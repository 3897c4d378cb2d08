import { z } from 'zod';

/**
 * Parses the process environment with a service's zod schema, once, at start-up.
 * A missing or wrong value stops the process with a message naming the variable.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  process.stderr.write(`invalid configuration:\n${problems.join('\n')}\n`);
  process.exit(78); // EX_CONFIG
}

/** Comma-separated host:port list, e.g. `127.0.0.1:9092,127.0.0.1:9094`. */
export const brokerList = z
  .string()
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port')).min(1));

export const port = z.coerce.number().int().min(0).max(65535);

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Variables every process of the platform reads. */
export const baseConfig = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: logLevel,
  KAFKA_BROKERS: brokerList.default(['127.0.0.1:9092']),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:8081/apis/ccompat/v7'),
  /** Shared secret the gateway presents to the services' internal APIs. */
  INTERNAL_API_TOKEN: z.string().min(16).default('local-internal-token-change-me'),
  /** Where to send traces (OTLP/HTTP, e.g. http://127.0.0.1:4318); none are exported when unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
};
