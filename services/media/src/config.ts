import { z } from 'zod';
import { baseConfig, jobsConfig, messageRetentionConfig, outboxConfig, placementConfig } from '@smartcourse/platform';

/** The media service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('media'),
  ...outboxConfig,
  ...jobsConfig,
  ...messageRetentionConfig,
  MEDIA_STORE: z
    .enum(['directory', 's3'])
    .default('directory')
    .describe('Where file content is kept: a directory on this machine (MEDIA_DIRECTORY), or an S3-compatible bucket (MEDIA_S3_*).'),
  MEDIA_DIRECTORY: z.string().min(1).default('.run/media').describe('The content directory of the `directory` store.'),
  MEDIA_UPLOADS_DIRECTORY: z
    .string()
    .min(1)
    .default('.run/media-uploads')
    .describe("Where resumable uploads gather until their last byte (then they go to the store); one instance's disk, whatever the store."),
  MEDIA_S3_URL: z.url().optional().describe('The S3-compatible server; unset for AWS S3 itself (then MEDIA_S3_REGION picks it).'),
  MEDIA_S3_PUBLIC_URL: z
    .url()
    .optional()
    .describe("The server's address as clients reach it, when it differs from MEDIA_S3_URL: presigned URLs are signed for it."),
  MEDIA_S3_REGION: z.string().min(1).default('us-east-1').describe("The bucket's region."),
  MEDIA_S3_BUCKET: z.string().min(3).default('smartcourse').describe('The bucket (created at start when missing).'),
  MEDIA_S3_PREFIX: z
    .string()
    .regex(/^([a-z0-9-]+\/)*$/, 'lower-case segments ending in /')
    .default('media/')
    .describe('Put before every key, so that several installs can share a bucket.'),
  MEDIA_S3_ACCESS_KEY_ID: z.string().optional().describe('The S3 access key id (required with MEDIA_STORE=s3).'),
  MEDIA_S3_SECRET_ACCESS_KEY: z.string().optional().describe('The S3 secret key (required with MEDIA_STORE=s3).'),
  MEDIA_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600)
    .default(300)
    .describe('How long a signed content URL works.'),
  MEDIA_ABANDONED_UPLOAD_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600)
    .describe('An upload still unfinished this long after it began is abandoned: the cleanup job removes its row and any bytes.'),
  MEDIA_CLEANUP_CRON: z.string().min(1).default('*/5 * * * *').describe('When the cleanup job runs (deleted content, abandoned uploads).'),
});

export type Config = z.infer<typeof configSchema>;
