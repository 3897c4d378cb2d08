import { z } from 'zod';
import {
  baseConfig,
  jobsConfig,
  messageRetentionConfig,
  developmentSecret,
  mailConfig,
  outboxConfig,
  placementConfig,
  publicUrlConfig,
  tokenConfig,
} from '@smartcourse/platform';

/** The user service's environment: parsed once by main.ts (loadConfig), documented from here. */
export const configSchema = z.object({
  ...baseConfig,
  ...placementConfig('user'),
  ...outboxConfig,
  ...jobsConfig,
  ...messageRetentionConfig,
  ...publicUrlConfig,
  ...tokenConfig,
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86_400)
    .describe("Lifetime of a session's refresh token (rotated on every use)."),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5).describe('Failed logins per email (known or not) within the window before it is locked out.'),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900).describe('The window failed logins are counted in.'),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900).describe('How long a locked-out email or a throttled IP waits.'),
  LOGIN_IP_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(100)
    .describe('Failed logins per client IP, across emails, before that IP is throttled for LOGIN_LOCKOUT_SECONDS.'),
  MFA_ENCRYPTION_KEY: developmentSecret(
    z
      .string()
      .transform((value) => Buffer.from(value, 'base64'))
      .refine((key) => key.length === 32, 'must be 32 bytes, base64-encoded'),
    'bG9jYWwtbWZhLWtleS1jaGFuZ2UtbWUtMzItYnl0ZXM=',
    '32 bytes, base64: seals TOTP secrets at rest.',
  ),
  MFA_ISSUER: z.string().min(1).default('SmartCourse').describe('The issuer an authenticator app shows.'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12).describe('OWASP ASVS 5.0: at least 12 (code points); 8 is the least it allows.'),
  // Reset and verification links are mailed directly (never through Kafka).
  ...mailConfig,
  SESSION_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7)
    .describe('Ended sessions (revoked, or every refresh token expired) are deleted with their tokens this long after.'),
  CREDENTIAL_TOKEN_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7)
    .describe('Reset and verification tokens are deleted this long after they expire (at least a day: the mail throttle counts a day of them).'),
  MFA_CHALLENGE_RETENTION_HOURS: z.coerce.number().int().min(1).default(24).describe('MFA login challenges are deleted this long after they expire.'),
  LOGIN_FAILURE_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('Failed-login counters whose window began this long ago and that lock nothing are deleted.'),
});

export type Config = z.infer<typeof configSchema>;
