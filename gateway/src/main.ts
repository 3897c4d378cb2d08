import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  assertConsumesAsDeclared,
  connectKafka,
  createConsumer,
  createLogger,
  createMetrics,
  listen,
  loadConfig,
  onShutdown,
  placementOf,
  startedReadiness,
  startTracing,
  tokenSettings,
  type Subscription,
} from '@smartcourse/platform';
import { createApi } from './api.js';
import { createDenyList } from './auth/deny-list.js';
import { accountEventSubscriptions, createAccountEventConsumer } from './auth/account-events.js';
import { createCommandBus } from './commands/bus.js';
import { createCommandStatusStore } from './commands/status.js';
import { configSchema, serviceUrlsOf } from './config.js';
import { createIdempotency } from './edge/idempotency.js';
import { createRateLimits } from './edge/rate-limit.js';
import { createInternalClient } from './internal-client.js';
import { createNotificationFanOut } from './notifications/fan-out.js';
import { createNotificationStreams } from './notifications/streams.js';

const SERVICE = 'gateway';
const config = loadConfig(configSchema);
const placement = placementOf(SERVICE, config);
const tracing = startTracing({ service: SERVICE, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
const metrics = createMetrics(SERVICE);

const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));

// Commands from separate requests are independent: let their sends overlap.
const { kafka, codec, producer, readiness: kafkaChecks, stop: stopKafka } = await connectKafka({
  service: SERVICE,
  brokers: config.KAFKA_BROKERS,
  registryUrl: config.SCHEMA_REGISTRY_URL,
  logger,
  ordered: false,
});

const denyList = createDenyList(redis);
const statuses = createCommandStatusStore(redis, config.COMMAND_STATUS_TTL_SECONDS);
const bus = createCommandBus({ producer, statuses, metrics, waitMs: config.COMMAND_WAIT_MS });

// Each gateway instance reads every result (its own group, from the latest offset), since the
// request waiting for a result may be held by any instance.
const resultSubscriptions: Subscription[] = [{ topic: 'command.results', fromBeginning: false, handle: (message) => bus.onResult(message) }];
const results = createConsumer({
  kafka,
  codec,
  producer,
  logger,
  metrics,
  groupId: `gateway-results-${randomUUID()}`,
  deadLetterGroup: 'gateway',
  service: SERVICE,
  maxWaitTimeInMs: 20,
  subscriptions: resultSubscriptions,
});

const idempotency = createIdempotency({ redis, ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS });
const accountEventDeps = {
  denyList,
  accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  forgetAnswersOf: (userId: string) => idempotency.forgetAnswersOf(userId),
  answersTtlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
};
assertConsumesAsDeclared(SERVICE, [...resultSubscriptions, ...accountEventSubscriptions(accountEventDeps)]);

// Role changes, deactivations and erasures feed the deny-list, replayed from one access-token lifetime back.
const accountEvents = createAccountEventConsumer({ kafka, codec, producer, logger, metrics, ...accountEventDeps });

// One internal client per service of the topology; the gateway is ready only when each answers.
const clients = new Map([...serviceUrlsOf(config)].map(([name, baseUrl]) => [name, createInternalClient({ name, baseUrl, token: config.INTERNAL_API_TOKEN, metrics })]));
const serviceClient = (name: string) => {
  const client = clients.get(name);
  if (!client) throw new Error(`the topology declares no ${name} service`);
  return client;
};
// Its own connection (subscriber mode) for every stream this process holds; see fan-out.ts for autoResubscribe.
const subscriber = redis.duplicate({ autoResubscribe: false });
subscriber.on('error', (error) => logger.warn({ err: error }, 'redis subscriber error'));
const fanOut = createNotificationFanOut({ subscriber, logger });
const notificationStreams = createNotificationStreams({
  fanOut,
  notifications: serviceClient('notification'),
  denyList,
  heartbeatMs: config.SSE_HEARTBEAT_MS,
  retryMs: config.SSE_RETRY_MS,
  maxStreamsPerUser: config.SSE_MAX_STREAMS_PER_USER,
  catchUpLimit: config.SSE_CATCH_UP_LIMIT,
});
const resultsCheck = startedReadiness('result-consumer');
const accountsCheck = startedReadiness('account-events');

const http = await listen(
  createApi({
    logger,
    metrics,
    tokens: tokenSettings(config),
    denyList,
    bus,
    statuses,
    users: serviceClient('user'),
    courses: serviceClient('course'),
    enrollments: serviceClient('enrollment-progress'),
    certificates: serviceClient('certificate'),
    notifications: serviceClient('notification'),
    notificationStreams,
    bodyLimit: config.BODY_LIMIT,
    corsOrigins: config.CORS_ORIGINS,
    rateLimits: createRateLimits({
      redis,
      rates: { anonymous: config.RATE_LIMIT_ANONYMOUS, credentials: config.RATE_LIMIT_CREDENTIALS, verification: config.RATE_LIMIT_VERIFICATION, user: config.RATE_LIMIT_USER },
    }),
    idempotency,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    internalToken: config.INTERNAL_API_TOKEN,
    readiness: [
      ...kafkaChecks,
      { name: 'redis', check: async () => void (await redis.ping()) },
      fanOut.readiness,
      ...[...clients].map(([name, client]) => ({ name: `${name}-service`, check: () => client.ping() })),
      resultsCheck,
      accountsCheck,
    ],
  }),
  placement.http,
);

// Open streams first: the HTTP server's stop waits for every response, and a stream never ends by itself.
onShutdown(logger, [
  { name: 'notification streams', run: () => notificationStreams.close() },
  { name: 'http', run: () => http.stop() },
  { name: 'result consumer', run: () => results.stop() },
  { name: 'account event consumer', run: () => accountEvents.stop() },
  { name: 'kafka', run: stopKafka },
  { name: 'redis subscriber', run: () => fanOut.stop() },
  { name: 'redis', run: async () => void (await redis.quit()) },
  { name: 'tracing', run: () => tracing.stop() },
]);

await Promise.all([
  results.start().then(() => resultsCheck.started()),
  // Not ready before the deny-list holds every revocation that can still matter.
  accountEvents.start().then(() => accountsCheck.started()),
]);
logger.info({ port: placement.http.port }, 'gateway ready');
