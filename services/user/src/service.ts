import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { createMailer, mailTimeouts, tokenSettings } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { DISABLE_MAX_FAILURES } from './mfa/rules.js';
import { createSecretBox } from './mfa/secret-box.js';
import { loadPasswordPolicy } from './passwords/policy.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'user';

/** The user service: what it stores, consumes and serves, wired from its configuration. */
export function userService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, relay, pipeline, logger }) {
      const policy = await loadPasswordPolicy({ minLength: config.PASSWORD_MIN_LENGTH });
      const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, requireTls: config.SMTP_REQUIRE_TLS, timeouts: mailTimeouts(config) });
      return {
        subscriptions: subscriptions(pipeline),
        jobs: jobs(db, config),
        routes: apiRoutes({
          db,
          relay,
          tokens: tokenSettings(config),
          sessions: {
            refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
            lockout: {
              email: {
                maxFailures: config.LOGIN_MAX_FAILURES,
                windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
                lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
              },
              ip: {
                maxFailures: config.LOGIN_IP_MAX_FAILURES,
                windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
                lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
              },
            },
          },
          box: createSecretBox(config.MFA_ENCRYPTION_KEY),
          disableLockout: {
            maxFailures: DISABLE_MAX_FAILURES,
            windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
            lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
          },
          issuer: config.MFA_ISSUER,
          policy,
          links: { mailer, publicAppUrl: config.PUBLIC_APP_URL, logger },
          logger,
        }),
        close: [{ name: 'mail', run: async () => mailer.close() }],
      };
    },
  };
}
