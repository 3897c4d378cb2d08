import { z } from 'zod';
import { baseConfig, jobsConfig, loadConfig, messageRetentionConfig, port } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    CERTIFICATE_DATABASE_URL: z.url().default('postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_certificate'),
    CERTIFICATE_HTTP_PORT: port.default(processSpec('certificate').port),
    CERTIFICATE_HTTP_HOST: z.string().default('127.0.0.1'),
    /** Where PDFs are kept (a cache: each can be rendered again from the database and the replicas). */
    CERTIFICATE_FILES_DIR: z.string().min(1).default('.run/certificates'),
    /** The public address of the platform: verification URLs, and the issuer of the Open Badges credentials. */
    PUBLIC_APP_URL: z.url().default('http://127.0.0.1:3000'),
    /**
     * The credentials' signing key, a private JWK (RSA, EC P-256 or Ed25519) with a `kid`. Without
     * it one is generated once into CERTIFICATE_KEY_DIR: fine for one instance, not for several.
     */
    CERTIFICATE_SIGNING_JWK: z.string().optional(),
    /** Public JWKs of earlier signing keys (a JSON array or a JWK Set), still published so old credentials verify. */
    CERTIFICATE_PREVIOUS_PUBLIC_JWKS: z.string().optional(),
    CERTIFICATE_KEY_DIR: z.string().min(1).default('.run/certificate-keys'),
    /** Off holds publication: rows stay in the outbox until a relay runs. */
    OUTBOX_RELAY_ENABLED: z.stringbool().default(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  }),
);

export type Config = typeof config;
