import { CompressionTypes, Partitioners, type Kafka } from 'kafkajs';
import type { Codec } from './codec.js';

/** A record ready to publish: the value is encoded with the subject's newest schema. */
export interface OutgoingRecord {
  topic: string;
  subject: string;
  key: string;
  /** null is a tombstone: on a compacted topic it removes the key's earlier records. */
  value: object | null;
  headers: Record<string, string>;
}

export interface Producer {
  connect(): Promise<void>;
  /** Encodes and sends the records in one batch; resolves when all partitions acknowledged. */
  send(records: OutgoingRecord[]): Promise<void>;
  /** Sends bytes as they are (dead letters keep the original value). */
  sendRaw(topic: string, messages: Array<{ key: Buffer | string | null; value: Buffer | null; headers: Record<string, string | Buffer> }>): Promise<void>;
  stop(): Promise<void>;
}

export function createProducer(options: {
  kafka: Kafka;
  codec: Codec;
  /**
   * Ordered (default): idempotent with one request in flight, so retries never reorder a
   * partition — what the outbox relay needs. Unordered lets concurrent sends overlap, for
   * independent records such as commands from many HTTP requests.
   */
  ordered?: boolean;
}): Producer {
  const ordered = options.ordered ?? true;
  const producer = options.kafka.producer({
    idempotent: ordered,
    ...(ordered ? { maxInFlightRequests: 1 } : {}),
    createPartitioner: Partitioners.DefaultPartitioner,
  });

  return {
    connect: () => producer.connect(),

    async send(records) {
      if (records.length === 0) return;
      const byTopic = new Map<string, Array<{ key: string; value: Buffer | null; headers: Record<string, string> }>>();
      for (const record of records) {
        const value = record.value === null ? null : await options.codec.encode(record.subject, record.value);
        const messages = byTopic.get(record.topic) ?? [];
        messages.push({ key: record.key, value, headers: record.headers });
        byTopic.set(record.topic, messages);
      }
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    },

    async sendRaw(topic, messages) {
      await producer.send({ topic, acks: -1, messages });
    },

    stop: () => producer.disconnect(),
  };
}
