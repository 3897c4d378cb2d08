import { z } from 'zod';
import { baseConfig, jobsConfig, loadConfig, messageRetentionConfig, port } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    ENROLLMENT_DATABASE_URL: z.url().default('postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_enrollment'),
    ENROLLMENT_HTTP_PORT: port.default(processSpec('enrollment-progress').port),
    ENROLLMENT_HTTP_HOST: z.string().default('127.0.0.1'),
    /** Off holds publication: rows stay in the outbox until a relay runs. */
    OUTBOX_RELAY_ENABLED: z.stringbool().default(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  }),
);

export type Config = typeof config;
