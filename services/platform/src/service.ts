import { processSpec } from '@smartcourse/contracts';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { createDb, pingDb, type Knex, type Migration } from './db/postgres.js';
import { asError } from './faults.js';
import { startedReadiness } from './health.js';
import { createHttpApp, type ReadinessCheck } from './http/app.js';
import { internalAuth } from './http/internal.js';
import { listen } from './http/server.js';
import { connectKafka } from './kafka/connection.js';
import { createConsumer, type ConsumerOptions, type Subscription } from './kafka/consumer.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { ScheduledJob } from './jobs/job.js';
import { createScheduler, type SchedulerSettings } from './jobs/scheduler.js';
import { migrateService } from './outbox/migration.js';
import { createOutboxRelay, type OutboxRelay } from './outbox/relay.js';
import { parkedOutboxRoutes } from './outbox/routes.js';
import type { Pipeline } from './pipeline.js';
import { onShutdown, type ShutdownStep } from './shutdown.js';
import { startTracing } from './tracing.js';

/** The variables of `baseConfig` the kit itself reads. */
export interface KitConfig {
  LOG_LEVEL: string;
  KAFKA_BROKERS: string[];
  SCHEMA_REGISTRY_URL: string;
  INTERNAL_API_TOKEN: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
}

export interface PostgresOptions {
  url: string;
  /** The service's own migrations, oldest first; the outbox and inbox tables come before them. */
  migrations: readonly Migration[];
  poolMax?: number;
  /** Off holds publication (rows wait in the outbox until a relay runs). */
  relayEnabled?: boolean;
  relayPollIntervalMs?: number;
}

/** What the kit opened for the service: what its handlers and routes are built from. */
export interface ServiceKit {
  name: string;
  logger: Logger;
  metrics: Metrics;
  producer: Awaited<ReturnType<typeof connectKafka>>['producer'];
  codec: Awaited<ReturnType<typeof connectKafka>>['codec'];
  kafka: Awaited<ReturnType<typeof connectKafka>>['kafka'];
}

export interface PostgresKit extends ServiceKit {
  db: Knex;
  relay: OutboxRelay;
  /** The service's message pipeline (its name, its group, db and relay): what commands, events and `inTransaction` run on. */
  pipeline: Pipeline;
}

/**
 * A consumer with a group and start position of its own, beside the service's group: e.g. one
 * every instance runs (a random group from the latest offset), or one that replays a window of
 * history at each start. The kit builds it on its Kafka connection; its dead letters go to the
 * service's dead-letter topic.
 */
export interface OwnConsumer extends Pick<ConsumerOptions, 'groupId' | 'subscriptions' | 'maxWaitTimeInMs' | 'startAt'> {
  /** Names its readiness check and its shutdown step. */
  name: string;
  /** Resolves, once the consumer has started, when what it must handle before the process is ready is handled. */
  caughtUp?(): Promise<void>;
  /** Run after the consumer stopped (an admin client it opened, say). */
  close?(): Promise<void>;
}

/** What the process serves over HTTP: the internal API's routes, or an app of its own (the public edge). */
type HttpPart =
  | {
      /** Mounts the internal API (behind the internal credential under /internal). */
      routes(app: Express): void;
      app?: undefined;
    }
  | {
      /** The whole app, built on the kit's readiness checks (every check the process has, in order). */
      app(readiness: readonly ReadinessCheck[]): Express;
      routes?: undefined;
    };

/** What is particular to a service: what it consumes and serves, and what else it opened. */
export type ServiceParts = HttpPart & {
  /** Consumed by the group named after the service (empty: the service has no such group); with `consumers`, the topics must be the topology's `consumes`. */
  subscriptions: Subscription[];
  /** Consumers of their own, started with the service's group and stopped after it, in this order. */
  consumers?: OwnConsumer[];
  readiness?: ReadinessCheck[];
  /** The service's scheduled jobs (its `jobs.ts`); they need `scheduler` in the definition. */
  jobs?: ScheduledJob[];
  /** Closed after the consumers and Kafka, before the database (mail transports, document stores, Redis). */
  close?: ShutdownStep[];
  /** Run first, before the HTTP server stops (it waits for every response): what holds a response open, e.g. event streams. */
  drain?: ShutdownStep[];
};

interface BaseDefinition {
  name: string;
  config: KitConfig;
  http: { port: number; host: string };
  /** Where the scheduled jobs keep their state (jobs/scheduler.ts). */
  scheduler?: SchedulerSettings;
  /** `ordered: false` lets sends of independent requests overlap (the gateway's commands); by default a producer keeps its records in order. */
  kafka?: { ordered?: boolean };
}

/** A service that owns a Postgres database (with the outbox and inbox). */
export interface PostgresService extends BaseDefinition {
  postgres: PostgresOptions;
  wire(kit: PostgresKit): ServiceParts | Promise<ServiceParts>;
}

/** A service whose store the service opens itself (a document store), or none. */
export interface PlainService extends BaseDefinition {
  postgres?: undefined;
  wire(kit: ServiceKit): ServiceParts | Promise<ServiceParts>;
}

export type ServiceDefinition = PostgresService | PlainService;

export interface StartedService {
  kit: ServiceKit & { db?: Knex; relay?: OutboxRelay };
  /** Base URL of the internal API (the real port when 0 was asked for). */
  url: string;
  /** Graceful stop in order: the service's drain, HTTP, scheduled jobs, consumers, relay (flushes), Kafka, the service's own, database, tracing. */
  steps: ShutdownStep[];
  stop(): Promise<void>;
}

/** The service's pool, migrated (the platform's tables first), its connections named after this process. */
async function openDatabase(name: string, postgres: PostgresOptions, logger: Logger): Promise<Knex> {
  const db = createDb({ url: postgres.url, applicationName: `${name} pid ${process.pid}`, ...(postgres.poolMax ? { poolMax: postgres.poolMax } : {}) });
  const applied = await migrateService(db, postgres.migrations);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  return db;
}

/** Stops a process whose subscriptions differ from what the topology declares it consumes. */
export function assertConsumesAsDeclared(name: string, subscriptions: readonly Subscription[]): void {
  const declared = [...processSpec(name).consumes].sort();
  const actual = subscriptions.map((s) => s.topic).sort();
  if (declared.join() !== actual.join()) {
    throw new Error(`${name} subscribes to [${actual.join(', ')}] but the topology (contracts/src/topology.ts) declares [${declared.join(', ')}]`);
  }
}

/**
 * Opens everything a service runs on (tracing, logs, metrics, Postgres with migrations, outbox
 * relay, Kafka and the registry), builds the service's parts, and starts its consumers and its
 * HTTP app. `consume: false` leaves the consumers off: component tests call the handlers themselves;
 * `schedule: false` leaves the scheduled jobs off.
 */
export async function startService(definition: ServiceDefinition, options: { consume?: boolean; schedule?: boolean } = {}): Promise<StartedService> {
  const { name, config } = definition;
  const tracing = startTracing({ service: name, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
  const logger = createLogger({ service: name, level: config.LOG_LEVEL });
  const metrics = createMetrics(name);
  const steps: ShutdownStep[] = [];
  const checks: ReadinessCheck[] = [];

  const { postgres } = definition;
  const db = postgres ? await openDatabase(name, postgres, logger) : undefined;
  if (db) checks.push({ name: 'postgres', check: () => pingDb(db) });

  const ordered = definition.kafka?.ordered;
  const kafkaSide = await connectKafka({
    service: name,
    brokers: config.KAFKA_BROKERS,
    registryUrl: config.SCHEMA_REGISTRY_URL,
    logger,
    ...(ordered === undefined ? {} : { ordered }),
  });
  checks.push(...kafkaSide.readiness);
  const base: ServiceKit = { name, logger, metrics, producer: kafkaSide.producer, codec: kafkaSide.codec, kafka: kafkaSide.kafka };

  const relay =
    postgres && db
      ? createOutboxRelay({
          db,
          producer: kafkaSide.producer,
          logger,
          metrics,
          ...(postgres.relayPollIntervalMs ? { pollIntervalMs: postgres.relayPollIntervalMs } : {}),
        })
      : undefined;
  if (relay) {
    if (postgres?.relayEnabled ?? true) relay.start();
    else logger.warn('outbox relay disabled: events stay in the outbox until a relay runs');
  }
  const parts =
    definition.postgres && db && relay
      ? await definition.wire({ ...base, db, relay, pipeline: { service: name, group: name, db, relay } })
      : await (definition as PlainService).wire(base);
  const { subscriptions } = parts;
  const declared: OwnConsumer[] = [...(subscriptions.length > 0 ? [{ name: 'consumer', groupId: name, subscriptions }] : []), ...(parts.consumers ?? [])];
  assertConsumesAsDeclared(
    name,
    declared.flatMap((consumer) => consumer.subscriptions),
  );
  checks.push(...(parts.readiness ?? []));

  const jobs = (options.schedule ?? true) ? (parts.jobs ?? []) : [];
  if (jobs.length > 0 && !definition.scheduler) throw new Error(`${name} declares scheduled jobs but no scheduler database`);
  const scheduler = definition.scheduler && jobs.length > 0 ? createScheduler({ service: name, settings: definition.scheduler, jobs, logger }) : undefined;

  const consumers = ((options.consume ?? true) ? declared : []).map((own) => ({
    own,
    check: startedReadiness(own.name),
    consumer: createConsumer({
      ...own,
      kafka: kafkaSide.kafka,
      codec: kafkaSide.codec,
      producer: kafkaSide.producer,
      logger,
      metrics,
      service: name,
      deadLetterGroup: name,
    }),
  }));
  checks.push(...consumers.map(({ check }) => check));

  const app = parts.app
    ? parts.app(checks)
    : createHttpApp({
        logger,
        metrics,
        readiness: checks,
        routes(internal) {
          internal.use('/internal', internalAuth(config.INTERNAL_API_TOKEN));
          if (db && relay) internal.use(parkedOutboxRoutes({ db, wake: relay.wake }));
          parts.routes(internal);
        },
      });
  const http = await listen(app, definition.http);
  const { port } = http.server.address() as AddressInfo;

  steps.push(...(parts.drain ?? []));
  steps.push({ name: 'http', run: () => http.stop() });
  if (scheduler) steps.push({ name: 'scheduled jobs', run: () => scheduler.stop() });
  for (const { own, consumer } of consumers) {
    steps.push({
      name: own.name,
      async run() {
        await consumer.stop();
        await own.close?.();
      },
    });
  }
  if (relay) steps.push({ name: 'outbox relay', run: () => relay.stop() });
  steps.push({ name: 'kafka', run: kafkaSide.stop });
  steps.push(...(parts.close ?? []));
  if (db) steps.push({ name: 'database', run: () => db.destroy() });
  steps.push({ name: 'tracing', run: () => tracing.stop() });

  await Promise.all(
    consumers.map(async ({ own, consumer, check }) => {
      await consumer.start();
      await own.caughtUp?.();
      check.started();
    }),
  );
  await scheduler?.start();
  logger.info({ port }, `${name} service ready`);
  return {
    kit: { ...base, ...(db ? { db } : {}), ...(relay ? { relay } : {}) },
    url: `http://${definition.http.host}:${port}`,
    steps,
    async stop() {
      for (const step of steps) await step.run();
    },
  };
}

/**
 * A service's process: `startService`, then SIGTERM/SIGINT run the shutdown steps in order and
 * exit; an unhandled rejection exits non-zero for the supervisor to restart. (A consumer kafkajs
 * leaves stopped is replaced in the process: kafka/consumer.ts.)
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  let shutdown: ((code?: number) => Promise<void>) | undefined;
  const crash = (what: string) => (thrown: unknown) => {
    const error = asError(thrown);
    process.stderr.write(`${definition.name}: ${what}: ${error.stack ?? error.message}\n`);
    if (shutdown) void shutdown(1);
    else process.exit(1);
  };
  process.on('unhandledRejection', crash('unhandled rejection'));
  const started = await startService(definition);
  shutdown = onShutdown(started.kit.logger, started.steps);
}
