import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { createMailer, mailTimeouts, type PlainService, placementOf, schedulerSettings } from '@smartcourse/platform';
import { apiRoutes } from './api.js';
import type { Config } from './config.js';
import { courseModel } from './courses/store.js';
import { startMailDispatcher } from './deliveries/dispatcher.js';
import { deleteDeliveries, deliveryModel } from './deliveries/store.js';
import { enrollmentModel, forgetStudent } from './enrollments/store.js';
import { createPusher } from './inbox/push.js';
import { deleteInbox, inboxModels } from './inbox/store.js';
import { deletePreferences, preferenceModel } from './preferences/store.js';
import { isErased, recipientModels } from './recipients/store.js';
import { jobs } from './jobs.js';
import { stepTimer } from './notifications/steps.js';
import { subscriptions } from './subscriptions.js';

export const SERVICE = 'notification';

/** The notification service: MongoDB for inboxes, deliveries, preferences and replicas; SMTP for mail; Redis for live pushes. */
export function notificationService(config: Config): PlainService {
  return {
    name: SERVICE,
    config,
    http: placementOf(SERVICE, config).http,
    scheduler: schedulerSettings(config, placementOf(SERVICE, config).postgresUrl),
    async wire({ logger, metrics }) {
      const mongo = await mongoose
        .createConnection(config.MONGO_URL, { dbName: placementOf(SERVICE, config).documentsDatabase, serverSelectionTimeoutMS: 10_000 })
        .asPromise();
      const [recipients, courses, enrollments, inbox, deliveries, preferences] = await Promise.all([
        recipientModels(mongo),
        courseModel(mongo),
        enrollmentModel(mongo),
        inboxModels(mongo),
        deliveryModel(mongo),
        preferenceModel(mongo),
      ]);
      // Pushes are best effort (the inbox is the record): fail fast rather than queue while Redis is down.
      const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      redis.on('error', (error) => logger.warn({ err: error }, 'redis unavailable; live pushes wait for reconnects'));
      const pusher = createPusher(redis, logger);
      const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, requireTls: config.SMTP_REQUIRE_TLS, timeouts: mailTimeouts(config) });
      const publicAppUrl = config.PUBLIC_APP_URL.replace(/\/+$/, '');
      const dispatcher = startMailDispatcher({
        deliveries,
        recipients,
        courses,
        preferences,
        mailer,
        metrics,
        logger,
        publicAppUrl,
        unsubscribeSecret: config.NOTIFICATION_UNSUBSCRIBE_SECRET,
        pollMs: config.MAIL_POLL_INTERVAL_MS,
        // Longer than a whole SMTP exchange may take (the mailer's timeouts are at most 25 s each).
        leaseMs: 120_000,
        retry: { initialMs: config.MAIL_RETRY_INITIAL_MS, maxMs: config.MAIL_RETRY_MAX_MS },
        recipientWaitMs: config.MAIL_RECIPIENT_WAIT_MS,
        concurrency: config.MAIL_CONCURRENCY,
      });
      const purge = async (userId: string) => {
        await Promise.all([
          deleteInbox(inbox, userId),
          deleteDeliveries(deliveries, userId),
          forgetStudent(enrollments, userId),
          deletePreferences(preferences, userId),
        ]);
      };
      const deps = {
        recipients,
        courses,
        enrollments,
        inbox,
        deliveries,
        preferences,
        pusher,
        mailRecorded: () => dispatcher.wake(),
        purge,
        mailMaxAgeMs: config.MAIL_MAX_EVENT_AGE_MS,
        step: stepTimer(metrics),
      };
      return {
        subscriptions: subscriptions(deps),
        jobs: jobs({ deliveries, inbox }, config),
        routes: apiRoutes({
          inbox,
          pusher,
          preferences,
          unsubscribeSecret: config.NOTIFICATION_UNSUBSCRIBE_SECRET,
          wasErased: (userId) => isErased(recipients, userId),
        }),
        readiness: [{ name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) }],
        close: [
          { name: 'mail dispatcher', run: () => dispatcher.stop() },
          { name: 'mail', run: async () => mailer.close() },
          { name: 'redis', run: async () => redis.disconnect() },
          { name: 'mongodb', run: () => mongo.close() },
        ],
      };
    },
  };
}
