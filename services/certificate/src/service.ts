import type { PostgresService } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { createFileStore } from './document/files.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'certificate';

/** The certificate service: one certificate per completed enrollment, its PDF, and its public verification. */
export function certificateService(config: Config): PostgresService {
  return {
    name: SERVICE,
    config,
    http: { port: config.CERTIFICATE_HTTP_PORT, host: config.CERTIFICATE_HTTP_HOST },
    postgres: {
      url: config.CERTIFICATE_DATABASE_URL,
      migrations,
      relayEnabled: config.OUTBOX_RELAY_ENABLED,
      relayPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    },
    async wire({ db, relay }) {
      const pipeline = { service: SERVICE, group: SERVICE, db, relay };
      const files = createFileStore(config.CERTIFICATE_FILES_DIR);
      return {
        subscriptions: subscriptions({ pipeline, db, relay, files }),
        routes: apiRoutes({ db, files, publicAppUrl: config.PUBLIC_APP_URL }),
      };
    },
  };
}
