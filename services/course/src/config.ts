import { z } from 'zod';
import { baseConfig, jobsConfig, loadConfig, messageRetentionConfig, port } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    COURSE_DATABASE_URL: z.url().default('postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_course'),
    COURSE_HTTP_PORT: port.default(processSpec('course').port),
    COURSE_HTTP_HOST: z.string().default('127.0.0.1'),
    /** Lesson bodies live in the document store (MongoDB, or FerretDB locally). */
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL').default('mongodb://127.0.0.1:27017'),
    COURSE_DOCUMENTS_DB_NAME: z.string().default('smartcourse_course'),
    /** Off holds publication: rows stay in the outbox until a relay runs. */
    OUTBOX_RELAY_ENABLED: z.stringbool().default(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    /** Grace after an attempt's deadline before a submit is refused (the server's clock decides). */
    QUIZ_SUBMIT_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  }),
);

export type Config = typeof config;
