import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, served as text at `/metrics`. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  consumed: Counter<'topic' | 'outcome'>;
  deadLettered: Counter<'topic' | 'reason'>;
  consumerLag: Gauge<'topic' | 'partition'>;
  outboxBacklog: Gauge;
  outboxParked: Gauge;
  parked: Counter<'topic'>;
  published: Counter<'topic'>;
  /** Each wait of a message for a dependency that is down (transient fault). */
  waits: Counter<'topic' | 'error'>;
  /** 1 while a partition holds a message waiting for a dependency. */
  waiting: Gauge<'topic' | 'partition'>;
  /** From a record's timestamp (when it was produced) to the start of its handling. */
  consumeDelay: Histogram<'topic'>;
  /** A handler's run, from decode to done (a command's whole transaction). */
  handleDuration: Histogram<'topic'>;
  /** From an outbox row's transaction to its publication. */
  outboxWait: Histogram;
  /** One relay send to Kafka (a batch, acknowledged by every replica). */
  outboxSend: Histogram;
  /** Steps of a command round trip in the process that sends the command (the gateway). */
  commandStep: Histogram<'stage'>;
  /** A call to a service's internal API (queries, and the read-back after a command). */
  internalCall: Histogram<'target'>;
}

/** Buckets for the steps of a command round trip: most take a few milliseconds. */
const STEP_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** A histogram of one step of the command round trip, in seconds. */
export function stepHistogram<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[] = []): Histogram<L> {
  return new Histogram({ name, help, labelNames: [...labelNames], buckets: STEP_BUCKETS, registers: [registry] });
}

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    consumed: new Counter({
      name: 'kafka_messages_consumed_total',
      help: 'Messages consumed, by outcome (processed, tombstone, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'kafka_dead_letters_total',
      help: 'Messages sent to the dead-letter topic',
      labelNames: ['topic', 'reason'],
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'kafka_consumer_lag',
      help: 'Messages between the last processed offset and the high watermark',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({ name: 'outbox_backlog', help: 'Outbox rows not yet published (parked rows excluded)', registers: [registry] }),
    outboxParked: new Gauge({ name: 'outbox_parked', help: 'Outbox rows parked because they can never be published', registers: [registry] }),
    parked: new Counter({
      name: 'outbox_parked_total',
      help: 'Outbox rows parked by the relay',
      labelNames: ['topic'],
      registers: [registry],
    }),
    waits: new Counter({
      name: 'kafka_consumer_waits_total',
      help: 'Waits of a message for an unavailable dependency (the partition pauses meanwhile)',
      labelNames: ['topic', 'error'],
      registers: [registry],
    }),
    consumeDelay: stepHistogram(registry, 'kafka_consume_delay_seconds', 'From a record being produced to its handling starting', ['topic']),
    handleDuration: stepHistogram(registry, 'kafka_handle_seconds', 'Handling of one record, decode to done', ['topic']),
    outboxWait: stepHistogram(registry, 'outbox_wait_seconds', 'From the transaction that wrote an outbox row to its publication'),
    outboxSend: stepHistogram(registry, 'outbox_send_seconds', 'One batch send of the outbox relay, until acknowledged'),
    commandStep: stepHistogram(registry, 'command_step_seconds', 'Steps of a command round trip in the sender: status, produce, await_result', ['stage']),
    internalCall: stepHistogram(registry, 'internal_call_seconds', "Calls to a service's internal API", ['target']),
    waiting: new Gauge({
      name: 'kafka_consumer_waiting',
      help: '1 while the partition waits for an unavailable dependency',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    }),
    published: new Counter({
      name: 'outbox_published_total',
      help: 'Records published by the outbox relay',
      labelNames: ['topic'],
      registers: [registry],
    }),
  };
}
