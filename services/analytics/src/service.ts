import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { jobs } from './jobs.js';
import { SERVICE } from './statements/events.js';
import { lrsClient } from './statements/lrs.js';
import { lrsSender } from './statements/sender.js';
import { subscriptions } from './subscriptions.js';

/** The analytics service: reports built from the topics alone, and the learning records (xAPI) they carry. */
export function analyticsService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, pipeline }) {
      const lrs = lrsSettings(config);
      return {
        subscriptions: subscriptions(pipeline, config.PUBLIC_APP_URL),
        ...(lrs ? { consumers: [lrsSender(db, lrsClient(lrs))] } : { unread: ['xapi.statements'] }),
        jobs: jobs(db, config),
        routes: apiRoutes({ db }),
      };
    },
  };
}

/** The LRS's address and credentials, when one is set (the config schema refuses a URL without credentials). */
function lrsSettings(config: Config) {
  const { XAPI_LRS_URL: url, XAPI_LRS_USERNAME: username, XAPI_LRS_PASSWORD: password, XAPI_BATCH_SIZE: batchSize } = config;
  if (!url) return undefined;
  if (!username || !password) throw new Error('XAPI_LRS_URL needs XAPI_LRS_USERNAME and XAPI_LRS_PASSWORD');
  return { url, username, password, batchSize };
}
