import { z } from 'zod';
import { baseConfig, jobsConfig, messageRetentionConfig, outboxConfig, placementConfig, publicUrlConfig } from '@smartcourse/platform';

/** The analytics service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z
  .object({
    ...baseConfig,
    ...placementConfig('analytics'),
    ...outboxConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    ...publicUrlConfig,
    XAPI_LRS_URL: z
      .url()
      .optional()
      .describe(
        'The xAPI endpoint of a Learning Record Store (e.g. `http://127.0.0.1:8100/xAPI`): statements are sent there in batches; unset: they go on `xapi.statements` only.',
      ),
    XAPI_LRS_USERNAME: z.string().min(1).optional().describe("The LRS's HTTP Basic user name; required with XAPI_LRS_URL."),
    XAPI_LRS_PASSWORD: z.string().min(1).optional().describe("The LRS's HTTP Basic password; required with XAPI_LRS_URL."),
    XAPI_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50).describe('Most statements sent to the LRS in one request.'),
  })
  .superRefine((config, ctx) => {
    if (!config.XAPI_LRS_URL) return;
    for (const name of ['XAPI_LRS_USERNAME', 'XAPI_LRS_PASSWORD'] as const) {
      if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'required with XAPI_LRS_URL' });
    }
  });

export type Config = z.infer<typeof configSchema>;
