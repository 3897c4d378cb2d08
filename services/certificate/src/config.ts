import { z } from 'zod';
import { baseConfig, jobsConfig, messageRetentionConfig, outboxConfig, placementConfig, publicUrlConfig } from '@smartcourse/platform';

/** The certificate service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('certificate'),
  ...outboxConfig,
  ...jobsConfig,
  ...messageRetentionConfig,
  ...publicUrlConfig,
  CERTIFICATE_FILES_DIR: z
    .string()
    .min(1)
    .default('.run/certificates')
    .describe('Where PDFs are kept (a cache: each can be rendered again from the database and the replicas).'),
  CERTIFICATE_SIGNING_JWK: z
    .string()
    .optional()
    .describe(
      "The credentials' signing key, a private JWK (RSA, EC P-256 or Ed25519) with a `kid`. Unset: one is generated once into CERTIFICATE_KEY_DIR (fine for one instance, not for several).",
    ),
  CERTIFICATE_PREVIOUS_PUBLIC_JWKS: z
    .string()
    .optional()
    .describe('Public JWKs of earlier signing keys (a JSON array or a JWK Set), still published so old credentials verify.'),
  CERTIFICATE_KEY_DIR: z.string().min(1).default('.run/certificate-keys').describe('Where a generated signing key is kept.'),
  CERTIFICATE_RENDER_PAUSE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .describe('Fault tests only: how long a freshly rendered PDF waits before it is kept, to race it with an erasure.'),
});

export type Config = z.infer<typeof configSchema>;
