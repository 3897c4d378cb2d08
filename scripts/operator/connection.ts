import type { Admin, Kafka } from 'kafkajs';
import { createCodec, createKafka, createLogger, type Codec, type Logger } from '@smartcourse/platform';
import { OperatorError } from './failure.js';

/** Where the broker and the registry are: the environment, else the local platform's. */
export interface Endpoints {
  brokers: string[];
  registryUrl: string;
}

export function endpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new OperatorError(`KAFKA_BROKERS must be host:port[,host:port…], got "${env.KAFKA_BROKERS}"`);
  }
  const registryUrl = env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
  if (!URL.canParse(registryUrl)) throw new OperatorError(`SCHEMA_REGISTRY_URL is not a URL: "${registryUrl}"`);
  return { brokers, registryUrl };
}

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
