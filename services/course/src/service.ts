import mongoose from 'mongoose';
import { schedulerSettings, type PostgresService } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { bodyModel } from './outline/bodies.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'course';

/** The course service: courses and quizzes in Postgres, lesson bodies in the document store. */
export function courseService(config: Config): PostgresService {
  return {
    name: SERVICE,
    config,
    http: { port: config.COURSE_HTTP_PORT, host: config.COURSE_HTTP_HOST },
    postgres: {
      url: config.COURSE_DATABASE_URL,
      migrations,
      relayEnabled: config.OUTBOX_RELAY_ENABLED,
      relayPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    },
    scheduler: schedulerSettings(config, config.COURSE_DATABASE_URL),
    async wire({ db, relay }) {
      const mongo = await mongoose.createConnection(config.MONGO_URL, { dbName: config.COURSE_DOCUMENTS_DB_NAME, serverSelectionTimeoutMS: 10_000 }).asPromise();
      const bodies = await bodyModel(mongo);
      const pipeline = { service: SERVICE, group: SERVICE, db, relay };
      return {
        subscriptions: subscriptions({ pipeline, bodies, db }),
        jobs: jobs(db, config),
        routes: apiRoutes({ db, bodies, relay, submitGraceSeconds: config.QUIZ_SUBMIT_GRACE_SECONDS }),
        readiness: [{ name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) }],
        close: [{ name: 'mongodb', run: () => mongo.close() }],
      };
    },
  };
}
