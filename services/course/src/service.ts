import mongoose from 'mongoose';
import { placementOf, type PostgresService, postgresServiceBase } from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { bodyModel, migrateUrlAttachments } from './outline/bodies.js';
import { jobs } from './jobs.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'course';

/** The course service: courses and quizzes in Postgres, lesson bodies in the document store. */
export function courseService(config: Config): PostgresService {
  return {
    ...postgresServiceBase(SERVICE, config, migrations),
    async wire({ db, relay, pipeline, logger }) {
      const mongo = await mongoose
        .createConnection(config.MONGO_URL, { dbName: placementOf(SERVICE, config).documentsDatabase, serverSelectionTimeoutMS: 10_000 })
        .asPromise();
      const bodies = await bodyModel(mongo);
      // Bodies written before file ids: their URL attachments become links (a no-op once done).
      const converted = await migrateUrlAttachments(bodies);
      if (converted > 0) logger.info({ converted }, 'lesson bodies: URL attachments kept as links');
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
