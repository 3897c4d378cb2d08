import mongoose from 'mongoose';
import { createMailer, mailTimeouts, type PlainService } from '@smartcourse/platform';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { notificationModel } from './notifications/store.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'notification';

/** The notification service: MongoDB for its notifications, SMTP for mail, user events in. */
export function notificationService(config: Config): PlainService {
  return {
    name: SERVICE,
    config,
    http: { port: config.NOTIFICATION_HTTP_PORT, host: config.NOTIFICATION_HTTP_HOST },
    async wire() {
      const mongo = await mongoose.createConnection(config.MONGO_URL, { dbName: config.NOTIFICATION_DB_NAME, serverSelectionTimeoutMS: 10_000 }).asPromise();
      const notifications = await notificationModel(mongo);
      const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, requireTls: config.SMTP_REQUIRE_TLS, timeouts: mailTimeouts(config) });
      return {
        subscriptions: subscriptions({ notifications, mailer }),
        routes: apiRoutes({ notifications }),
        readiness: [{ name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) }],
        close: [
          { name: 'mail', run: async () => mailer.close() },
          { name: 'mongodb', run: () => mongo.close() },
        ],
      };
    },
  };
}
