import { type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'enrollment-progress';

/** The enrollment-progress service: one row per (student, course) holding the enrollment and its progress. */
export function enrollmentService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    wire({ db, pipeline }) {
      return { subscriptions: subscriptions(pipeline), jobs: jobs(db, config), routes: apiRoutes({ db }) };
    },
  };
}
