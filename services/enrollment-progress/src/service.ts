import { schedulerSettings, type PostgresService } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'enrollment-progress';

/** The enrollment-progress service: one row per (student, course) holding the enrollment and its progress. */
export function enrollmentService(config: Config): PostgresService {
  return {
    name: SERVICE,
    config,
    http: { port: config.ENROLLMENT_HTTP_PORT, host: config.ENROLLMENT_HTTP_HOST },
    postgres: {
      url: config.ENROLLMENT_DATABASE_URL,
      migrations,
      relayEnabled: config.OUTBOX_RELAY_ENABLED,
      relayPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    },
    scheduler: schedulerSettings(config, config.ENROLLMENT_DATABASE_URL),
    async wire({ db, relay }) {
      const pipeline = { service: SERVICE, group: SERVICE, db, relay };
      return { subscriptions: subscriptions({ pipeline, db, relay }), jobs: jobs(db, config), routes: apiRoutes({ db }) };
    },
  };
}
