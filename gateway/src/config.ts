import { z } from 'zod';
import { baseConfig, loadConfig, port, tokenConfig } from '@smartcourse/platform';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...tokenConfig,
    GATEWAY_PORT: port.default(3000),
    GATEWAY_HOST: z.string().default('127.0.0.1'),
    REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
    USER_SERVICE_URL: z.url().default('http://127.0.0.1:3101'),
    /** How long a command request waits for its result before answering 202. */
    COMMAND_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3000),
    /** How long command statuses stay readable at /api/commands/{id}. */
    COMMAND_STATUS_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
    BODY_LIMIT: z.string().default('32kb'),
  }),
);
