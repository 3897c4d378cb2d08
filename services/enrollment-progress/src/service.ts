import type { PostgresService } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
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
    wire({ db, pipeline }) {
      return { subscriptions: subscriptions(pipeline), routes: apiRoutes({ db }) };
    },
  };
}
