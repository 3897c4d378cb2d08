import {
  connectKafka,
  createConsumer,
  createDb,
  createLogger,
  createMailer,
  createMetrics,
  createOutboxRelay,
  listen,
  mailTimeouts,
  migrate,
  onShutdown,
  pingDb,
  startedReadiness,
  startTracing,
  tokenSettings,
} from '@smartcourse/platform';
import { migrations } from '../migrations/index.js';
import { createApi } from './api.js';
import { createSecretBox } from './mfa/secret-box.js';
import { loadPasswordPolicy } from './passwords/policy.js';
import { config } from './config.js';
import { subscriptions } from './subscriptions.js';
import { COMMAND_GROUP } from './users/commands.js';

const SERVICE = 'user';
const tracing = startTracing({ service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const metrics = createMetrics(SERVICE);

const db = createDb({ url: config.USER_DATABASE_URL });
const applied = await migrate(db, migrations);
if (applied.length > 0) logger.info({ applied }, 'migrations applied');

const policy = await loadPasswordPolicy({ minLength: config.PASSWORD_MIN_LENGTH });
const mailer = createMailer({
  smtpUrl: config.SMTP_URL,
  from: config.MAIL_FROM,
  requireTls: config.SMTP_REQUIRE_TLS,
  timeouts: mailTimeouts(config),
});

const { kafka, codec, producer, readiness: kafkaChecks, stop: stopKafka } = await connectKafka({
  service: SERVICE,
  brokers: config.KAFKA_BROKERS,
  registryUrl: config.SCHEMA_REGISTRY_URL,
  logger,
});

const relay = createOutboxRelay({ db, producer, logger, metrics, pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS });
if (config.OUTBOX_RELAY_ENABLED) relay.start();
else logger.warn('outbox relay disabled: events stay in the outbox until a relay runs');

const consumer = createConsumer({
  kafka,
  codec,
  producer,
  logger,
  metrics,
  groupId: COMMAND_GROUP,
  subscriptions: subscriptions({ db, relay }),
  onCrash: (error) => {
    logger.fatal({ err: error }, 'consumer crashed; exiting for a restart');
    void shutdown(1);
  },
});

const consumerCheck = startedReadiness('command-consumer');
const http = await listen(
  createApi({
    db,
    relay,
    tokens: tokenSettings(config),
    sessions: {
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      lockout: {
        email: { maxFailures: config.LOGIN_MAX_FAILURES, windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS, lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS },
        ip: { maxFailures: config.LOGIN_IP_MAX_FAILURES, windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS, lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS },
      },
    },
    box: createSecretBox(config.MFA_ENCRYPTION_KEY),
    issuer: config.MFA_ISSUER,
    policy,
    links: { mailer, publicAppUrl: config.PUBLIC_APP_URL, logger },
    logger,
    metrics,
    internalToken: config.INTERNAL_API_TOKEN,
    readiness: [
      { name: 'postgres', check: () => pingDb(db) },
      ...kafkaChecks,
      consumerCheck,
    ],
  }),
  { port: config.USER_HTTP_PORT, host: config.USER_HTTP_HOST },
);

const shutdown = onShutdown(logger, [
  { name: 'http', run: () => http.stop() },
  { name: 'consumer', run: () => consumer.stop() },
  { name: 'outbox relay', run: () => relay.stop() },
  { name: 'kafka', run: stopKafka },
  { name: 'mail', run: async () => mailer.close() },
  { name: 'database', run: () => db.destroy() },
  { name: 'tracing', run: () => tracing.stop() },
]);

await consumer.start();
consumerCheck.started();
logger.info({ port: config.USER_HTTP_PORT }, 'user service ready');
