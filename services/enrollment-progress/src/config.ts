import { z } from 'zod';
import { baseConfig, jobsConfig, messageRetentionConfig, outboxConfig, placementConfig } from '@smartcourse/platform';

/** The enrollment-progress service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('enrollment-progress'),
  ...outboxConfig,
  ...jobsConfig,
  ...messageRetentionConfig,
});

export type Config = z.infer<typeof configSchema>;
