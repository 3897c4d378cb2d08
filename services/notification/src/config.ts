import { z } from 'zod';
import { baseConfig, loadConfig, mailConfig, port } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// URL').default('mongodb://127.0.0.1:27017'),
    /** The notification service's own database on the document store. */
    NOTIFICATION_DB_NAME: z.string().default('smartcourse_notification'),
    ...mailConfig,
    NOTIFICATION_HTTP_PORT: port.default(processSpec('notification').port),
    NOTIFICATION_HTTP_HOST: z.string().default('127.0.0.1'),
  }),
);

export type Config = typeof config;
