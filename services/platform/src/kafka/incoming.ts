import type { KafkaMessage } from 'kafkajs';
import type { Decoded } from './codec.js';

/** A consumed record as a handler receives it: decoded, with its headers and its position. */
export interface IncomingMessage<T = Record<string, unknown>> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** Avro full name of the record (tells commands on one topic apart). */
  recordName: string;
  headers: Record<string, string>;
  /** `ce_id`, else the record's eventId/commandId: the key of the inbox. */
  id: string;
}

/**
 * The message a handler is given for a decoded Kafka record. The live consumer and a replay both
 * build it here, so a handler cannot tell one from the other.
 */
export function incomingMessage(topic: string, partition: number, message: KafkaMessage, headers: Record<string, string>, decoded: Decoded): IncomingMessage {
  const value = decoded.value;
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value,
    recordName: decoded.recordName,
    headers,
    id: headers.ce_id ?? String(value.eventId ?? value.commandId ?? `${topic}/${partition}/${message.offset}`),
  };
}
