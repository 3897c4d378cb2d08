/**
 * The kit's Kafka module (`@smartcourse/platform/kafka`): client, codec, producer, consumer,
 * replay and the record helpers, without the HTTP, database, metrics and tracing-SDK parts of
 * the whole kit, for a process that only talks to the broker (the operator's `scripts/sc`).
 */
export * from './client.js';
export * from './connection.js';
export * from './codec.js';
export * from './headers.js';
export * from './producer.js';
export * from './consumer.js';
export * from './incoming.js';
export * from './replay.js';
export * from './records.js';
export * from './record-types.js';
