import type { CommandRecords, TopicRecords } from '@smartcourse/contracts';
import { subjectOf, topic as catalogTopic } from '@smartcourse/contracts/catalog';
import { cloudEventHeaders, type MessageContext } from './headers.js';
import type { OutgoingRecord } from './producer.js';

/** Topics whose records are events (not command results). */
export type EventTopic = Exclude<keyof TopicRecords, 'command.results'>;

/** An event of an aggregate: keyed by the aggregate id, ce_id = eventId, ce_time = occurredAt. */
export function eventRecord<T extends EventTopic>(
  topic: T,
  value: TopicRecords[T],
  options: { service: string; key: string; context: MessageContext },
): OutgoingRecord {
  const spec = catalogTopic(topic);
  const record = spec.records[0];
  if (spec.kind !== 'event' || !record) throw new Error(`${topic} is not an event topic`);
  return {
    topic,
    subject: subjectOf(spec, record),
    key: options.key,
    value,
    headers: cloudEventHeaders({
      id: value.eventId,
      service: options.service,
      type: topic,
      subject: options.key,
      time: new Date(value.occurredAt),
      context: options.context,
    }),
  };
}

/** A command to a service's command topic, keyed by the target aggregate. */
export function commandRecord<N extends keyof CommandRecords>(
  recordName: N,
  value: CommandRecords[N],
  options: { service: string; topic: string; key: string; context: MessageContext },
): OutgoingRecord {
  const spec = catalogTopic(options.topic);
  const record = spec.records.find((r) => r.fullName === recordName);
  if (spec.kind !== 'command' || !record) throw new Error(`${recordName} is not a command of ${options.topic}`);
  return {
    topic: options.topic,
    subject: subjectOf(spec, record),
    key: options.key,
    value,
    headers: cloudEventHeaders({
      id: value.commandId,
      service: options.service,
      type: `${options.topic}.${recordName.split('.').pop()}`,
      subject: options.key,
      time: new Date(value.issuedAt),
      context: options.context,
    }),
  };
}

/** The outcome of a command, keyed by command id, caused by the command. */
export function resultRecord(value: TopicRecords['command.results'], options: { service: string; context: MessageContext }): OutgoingRecord {
  const spec = catalogTopic('command.results');
  const record = spec.records[0];
  if (!record) throw new Error('command.results has no record type');
  return {
    topic: spec.name,
    subject: subjectOf(spec, record),
    key: value.commandId,
    value,
    headers: cloudEventHeaders({
      id: `result-${value.commandId}`,
      service: options.service,
      type: spec.name,
      subject: value.aggregateId,
      time: new Date(value.occurredAt),
      context: options.context,
    }),
  };
}

/** A tombstone for a key of a compacted topic (erasure): null value, correlation and trace headers only. */
export function tombstoneRecord(topic: string, options: { key: string; context: MessageContext }): OutgoingRecord {
  const spec = catalogTopic(topic);
  const record = spec.records[0];
  if (spec.cleanupPolicy !== 'compact' || !record) throw new Error(`${topic} is not a compacted topic`);
  const headers: Record<string, string> = { correlation_id: options.context.correlationId };
  if (options.context.causationId) headers.causation_id = options.context.causationId;
  if (options.context.traceparent) headers.traceparent = options.context.traceparent;
  return { topic, subject: subjectOf(spec, record), key: options.key, value: null, headers };
}
