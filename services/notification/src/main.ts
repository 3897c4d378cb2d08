import mongoose from 'mongoose';
import {
  createCodec,
  createConsumer,
  createKafka,
  createLogger,
  createMailer,
  createMetrics,
  createProducer,
  kafkaReadiness,
  listen,
  onShutdown,
  registryReadiness,
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

const kafka = createKafka({ clientId: SERVICE, brokers: config.KAFKA_BROKERS, logger });
const codec = createCodec({ registryUrl: config.SCHEMA_REGISTRY_URL });
const producer = createProducer({ kafka, codec });
await producer.connect();

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

const kafkaCheck = kafkaReadiness(kafka);
const consumerCheck = startedReadiness('event-consumer');
const http = await listen(
  createApi({
    logger,
    metrics,
    notifications,
    internalToken: config.INTERNAL_API_TOKEN,
    readiness: [
      kafkaCheck,
      registryReadiness(config.SCHEMA_REGISTRY_URL),
      { name: 'mongodb', check: async () => void (await mongo.db?.admin().ping()) },
      consumerCheck,
    ],
  }),
  { port: config.NOTIFICATION_HTTP_PORT, host: config.NOTIFICATION_HTTP_HOST },
);

const shutdown = onShutdown(logger, [
  { name: 'http', run: () => http.stop() },
  { name: 'consumer', run: () => consumer.stop() },
  { name: 'producer', run: () => producer.stop() },
  { name: 'kafka admin', run: () => kafkaCheck.stop() },
  { name: 'mail', run: async () => mailer.close() },
  { name: 'mongodb', run: () => mongo.close() },
  { name: 'tracing', run: () => tracing.stop() },
]);

await consumer.start();
consumerCheck.started();
logger.info({ port: config.NOTIFICATION_HTTP_PORT }, 'notification service ready');
