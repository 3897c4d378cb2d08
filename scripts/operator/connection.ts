import type { Admin, Kafka } from 'kafkajs';
import { createCodec, createKafka, type Codec } from '@smartcourse/platform/kafka';
import { createLogger, type Logger } from '@smartcourse/platform/logger';
import { endpoints, type Endpoints } from './endpoints.js';
import { OperatorError } from './failure.js';

/** An open connection to the broker (admin client connected) and the registry codec. */
export interface Connection {
  endpoints: Endpoints;
  kafka: Kafka;
  admin: Admin;
  codec: Codec;
  logger: Logger;
  close(): Promise<void>;
}

/** Connects, or fails naming the broker that does not answer; closes after `use` whatever it returns. */
export async function withConnection<T>(use: (connection: Connection) => Promise<T>): Promise<T> {
  const where = endpoints();
  // kafkajs logs its retries at warn; the operator sees the one failure line instead
  const logger = createLogger({ service: 'sc', level: process.env.LOG_LEVEL ?? 'error', fd: 2 });
  const kafka = createKafka({ clientId: 'sc', brokers: where.brokers, logger });
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new OperatorError(`the broker at ${where.brokers.join(',')} does not answer (${(error as Error).message}); set KAFKA_BROKERS`);
  }
  const connection: Connection = {
    endpoints: where,
    kafka,
    admin,
    codec: createCodec({ registryUrl: where.registryUrl }),
    logger,
    close: () => admin.disconnect(),
  };
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}
