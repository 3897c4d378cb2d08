import { Redis } from 'ioredis';
import { placementOf, tokenSettings, type PlainService } from '@smartcourse/platform';
import { createApi } from './api.js';
import { accountEventConsumer } from './auth/account-events.js';
import { createDenyList } from './auth/deny-list.js';
import { createCommandBus } from './commands/bus.js';
import { resultConsumer } from './commands/results.js';
import { createCommandStatusStore } from './commands/status.js';
import { serviceUrlsOf, type Config } from './config.js';
import { createIdempotency } from './edge/idempotency.js';
import { createRateLimits } from './edge/rate-limit.js';
import { createInternalClient } from './internal-client.js';
import { createNotificationFanOut } from './notifications/fan-out.js';
import { createNotificationStreams } from './notifications/streams.js';
import { courseFileGrants } from './services/course/file-access.js';

const SERVICE = 'gateway';

/**
 * The gateway: the public HTTP edge over the services' internal APIs, commands onto Kafka and
 * their results back, the deny-list fed by account events, and notification streams from Redis.
 */
export function gatewayService(config: Config): PlainService {
  return {
    name: SERVICE,
    config,
    http: placementOf(SERVICE, config).http,
    // Commands from separate requests are independent: let their sends overlap.
    kafka: { ordered: false },
    wire({ kafka, producer, logger, metrics }) {
      const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
      redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
      // Its own connection (subscriber mode) for every stream this process holds; see fan-out.ts for autoResubscribe.
      const subscriber = redis.duplicate({ autoResubscribe: false });
      subscriber.on('error', (error) => logger.warn({ err: error }, 'redis subscriber error'));

      const denyList = createDenyList(redis);
      const statuses = createCommandStatusStore(redis, config.COMMAND_STATUS_TTL_SECONDS);
      const bus = createCommandBus({ producer, statuses, metrics, waitMs: config.COMMAND_WAIT_MS });
      const idempotency = createIdempotency({ redis, ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS });

      // One internal client per service of the topology; the gateway is ready only when each answers.
      const clients = new Map(
        [...serviceUrlsOf(config)].map(([name, baseUrl]) => [name, createInternalClient({ name, baseUrl, token: config.INTERNAL_API_TOKEN, metrics })]),
      );
      const serviceClient = (name: string) => {
        const client = clients.get(name);
        if (!client) throw new Error(`the topology declares no ${name} service`);
        return client;
      };
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

      return {
        subscriptions: [],
        consumers: [
          resultConsumer(bus),
          // Role changes, deactivations and erasures feed the deny-list, replayed from one access-token lifetime back.
          accountEventConsumer({
            kafka,
            logger,
            denyList,
            accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
            forgetAnswersOf: (userId) => idempotency.forgetAnswersOf(userId),
            answersTtlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
          }),
        ],
        readiness: [
          { name: 'redis', check: async () => void (await redis.ping()) },
          fanOut.readiness,
          ...[...clients].map(([name, client]) => ({ name: `${name}-service`, check: () => client.ping() })),
        ],
        app: (readiness) =>
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
            media: serviceClient('media'),
            payments: serviceClient('payment'),
            courseGrants: courseFileGrants(serviceClient('course')),
            notificationStreams,
            bodyLimit: config.BODY_LIMIT,
            corsOrigins: config.CORS_ORIGINS,
            rateLimits: createRateLimits({
              redis,
              rates: {
                anonymous: config.RATE_LIMIT_ANONYMOUS,
                credentials: config.RATE_LIMIT_CREDENTIALS,
                verification: config.RATE_LIMIT_VERIFICATION,
                user: config.RATE_LIMIT_USER,
              },
            }),
            idempotency,
            replicationFactor: config.KAFKA_REPLICATION_FACTOR,
            internalToken: config.INTERNAL_API_TOKEN,
            readiness: [...readiness],
          }),
        // Open streams first: the HTTP server's stop waits for every response, and a stream never ends by itself.
        drain: [{ name: 'notification streams', run: () => notificationStreams.close() }],
        close: [
          { name: 'redis subscriber', run: () => fanOut.stop() },
          { name: 'redis', run: async () => void (await redis.quit()) },
        ],
      };
    },
  };
}
