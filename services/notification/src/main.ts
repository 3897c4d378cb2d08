import mongoose from 'mongoose';
import {
  connectKafka,
  createConsumer,
  createLogger,
  createMailer,
  createMetrics,
  listen,
  onShutdown,
  startedReadiness,
  startTracing,
} from '@smartcourse/platform';
import { createApi } from './api.js';
import { config } from './config.js';
import { notificationModel } from './notifications/store.js';
import { CONSUMER_GROUP, subscriptions } from './subscriptions.js';

const SERVICE = 'notification';
const tracing = startTracing({ service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const metrics = createMetrics(SERVICE);

const mongo = await mongoose.createConnection(config.MONGO_URL, { dbName: config.NOTIFICATION_DB_NAME, serverSelectionTimeoutMS: 10_000 }).asPromise();
const notifications = await notificationModel(mongo);
const mailer = createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, requireTls: config.SMTP_REQUIRE_TLS });

const { kafka, codec, producer, readiness: kafkaChecks, stop: stopKafka } = await connectKafka({
  service: SERVICE,
  brokers: config.KAFKA_BROKERS,
  registryUrl: config.SCHEMA_REGISTRY_URL,
  logger,
});

const consumer = createConsumer({
  kafka,
  codec,
  producer,
  logger,
  metrics,
  groupId: CONSUMER_GROUP,
  subscriptions: subscriptions({ notifications, mailer }),
  onCrash: (error) => {
    logger.fatal({ err: error }, 'consumer crashed; exiting for a restart');
    void shutdown(1);
  },
});

const consumerCheck = startedReadiness('event-consumer');
const http = await listen(
  createApi({
    logger,
    metrics,
    notifications,
    internalToken: config.INTERNAL_API_TOKEN,
    readiness: [
      ...kafkaChecks,
      { name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) },
      consumerCheck,
    ],
  }),
  { port: config.NOTIFICATION_HTTP_PORT, host: config.NOTIFICATION_HTTP_HOST },
);

const shutdown = onShutdown(logger, [
  { name: 'http', run: () => http.stop() },
  { name: 'consumer', run: () => consumer.stop() },
  { name: 'kafka', run: stopKafka },
  { name: 'mail', run: async () => mailer.close() },
  { name: 'mongodb', run: () => mongo.close() },
  { name: 'tracing', run: () => tracing.stop() },
]);

await consumer.start();
consumerCheck.started();
logger.info({ port: config.NOTIFICATION_HTTP_PORT }, 'notification service ready');
