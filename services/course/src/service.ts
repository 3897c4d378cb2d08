import mongoose from 'mongoose';
import type { PostgresService } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { bodyModel } from './outline/bodies.js';
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
    async wire({ db, relay, pipeline }) {
      const mongo = await mongoose.createConnection(config.MONGO_URL, { dbName: config.COURSE_DOCUMENTS_DB_NAME, serverSelectionTimeoutMS: 10_000 }).asPromise();
      const bodies = await bodyModel(mongo);
      return {
        subscriptions: subscriptions({ pipeline, bodies, db }),
        routes: apiRoutes({ db, bodies, relay, submitGraceSeconds: config.QUIZ_SUBMIT_GRACE_SECONDS }),
        readiness: [{ name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) }],
        close: [{ name: 'mongodb', run: () => mongo.close() }],
      };
    },
  };
}
