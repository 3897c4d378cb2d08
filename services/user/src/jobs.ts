import { daysAgo, job, messageStoreJobs, purgeInBatches, type Knex, type ScheduledJob } from '@smartcourse/platform';
import type { Config } from './config.js';
import { deleteExpiredChallenges } from './mfa/store.js';
import { deleteExpiredResetTokens } from './passwords/store.js';
import { deleteEndedSessions, deleteStaleLoginFailures } from './sessions/store.js';
import { deleteExpiredVerificationTokens } from './verification/store.js';

/** Every scheduled job of this service: name, cron (UTC), what it does. */
export function jobs(db: Knex, config: Config): ScheduledJob[] {
  const batchSize = config.PURGE_BATCH_SIZE;
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
  return [
    job('purge-sessions', '7 * * * *', async ({ signal }) => ({
      sessions: await purgeInBatches((limit) => deleteEndedSessions(db, daysAgo(config.SESSION_RETENTION_DAYS), limit), { batchSize, signal }),
    })),
    job('purge-credential-tokens', '37 * * * *', async ({ signal }) => {
      const before = daysAgo(config.CREDENTIAL_TOKEN_RETENTION_DAYS);
      return {
        passwordResetTokens: await purgeInBatches((limit) => deleteExpiredResetTokens(db, before, limit), { batchSize, signal }),
        verificationTokens: await purgeInBatches((limit) => deleteExpiredVerificationTokens(db, before, limit), { batchSize, signal }),
      };
    }),
    job('purge-mfa-challenges', '*/15 * * * *', async ({ signal }) => ({
      mfaChallenges: await purgeInBatches((limit) => deleteExpiredChallenges(db, hoursAgo(config.MFA_CHALLENGE_RETENTION_HOURS), limit), { batchSize, signal }),
    })),
    job('purge-login-failures', '47 * * * *', async ({ signal }) => ({
      loginFailures: await purgeInBatches((limit) => deleteStaleLoginFailures(db, daysAgo(config.LOGIN_FAILURE_RETENTION_DAYS), limit), { batchSize, signal }),
    })),
    ...messageStoreJobs(db, config),
  ];
}
