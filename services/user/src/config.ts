import { z } from 'zod';
import { baseConfig, developmentSecret, jobsConfig, loadConfig, mailConfig, messageRetentionConfig, port, tokenConfig } from '@smartcourse/platform';
import { processSpec } from '@smartcourse/contracts';

export const config = loadConfig(
  z.object({
    ...baseConfig,
    ...tokenConfig,
    USER_DATABASE_URL: z.url().default('postgres://smartcourse:smartcourse@127.0.0.1:5432/smartcourse_user'),
    USER_HTTP_PORT: port.default(processSpec('user').port),
    USER_HTTP_HOST: z.string().default('127.0.0.1'),
    /** Off holds publication: rows stay in the outbox until a relay runs (maintenance, or a separate relay process). */
    OUTBOX_RELAY_ENABLED: z.stringbool().default(true),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).default(30 * 86_400),
    /** Failed logins per email (known or not) within the window before it is locked out. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Failed logins per client IP, across emails, before that IP is throttled for LOGIN_LOCKOUT_SECONDS. */
    LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
    /** 32 bytes, base64: seals TOTP secrets at rest. Set your own outside this machine. */
    MFA_ENCRYPTION_KEY: developmentSecret(
      z
        .string()
        .transform((value) => Buffer.from(value, 'base64'))
        .refine((key) => key.length === 32, 'must be 32 bytes, base64-encoded'),
      'bG9jYWwtbWZhLWtleS1jaGFuZ2UtbWUtMzItYnl0ZXM=',
    ),
    MFA_ISSUER: z.string().min(1).default('SmartCourse'),
    /** OWASP ASVS 5.0: at least 12 (code points); 8 is the least it allows. */
    PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
    /** Where the links in password-reset and verification emails point: the frontend. */
    PUBLIC_APP_URL: z.url().default('http://127.0.0.1:3000'),
    /** Reset and verification links are mailed directly (never through Kafka). */
    ...mailConfig,
    ...jobsConfig,
    ...messageRetentionConfig,
    /** Ended sessions (revoked, or every refresh token expired) are deleted with their tokens this long after. */
    SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    /** Reset and verification tokens are deleted this long after they expire (at least a day: the mail throttle counts a day of them). */
    CREDENTIAL_TOKEN_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
    /** MFA login challenges are deleted this long after they expire. */
    MFA_CHALLENGE_RETENTION_HOURS: z.coerce.number().int().min(1).default(24),
    /** Failed-login counters whose window began this long ago and that lock nothing are deleted. */
    LOGIN_FAILURE_RETENTION_DAYS: z.coerce.number().int().min(1).default(1),
  }),
);

export type Config = typeof config;
