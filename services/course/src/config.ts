import { z } from 'zod';
import { baseConfig, jobsConfig, messageRetentionConfig, documentStoreConfig, outboxConfig, placementConfig } from '@smartcourse/platform';

/** The course service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('course'),
  ...outboxConfig,
  ...jobsConfig,
  ...messageRetentionConfig,
  ...documentStoreConfig,
  QUIZ_SUBMIT_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600)
    .default(30)
    .describe("Grace after an attempt's deadline before a submit is refused (the server's clock decides)."),
});

export type Config = z.infer<typeof configSchema>;
