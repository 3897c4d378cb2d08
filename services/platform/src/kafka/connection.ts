import { kafkaReadiness, registryReadiness } from '../health.js';
import type { Logger } from '../logger.js';
import { createKafka } from './client.js';
import { createCodec } from './codec.js';
import { createProducer } from './producer.js';

/**
 * The Kafka side of a process: the client, the registry codec, a connected producer, and the
 * readiness checks of Kafka and the schema registry.
 */
export async function connectKafka(options: { service: string; brokers: string[]; registryUrl: string; logger: Logger; ordered?: boolean }) {
  const kafka = createKafka({ clientId: options.service, brokers: options.brokers, logger: options.logger });
  const codec = createCodec({ registryUrl: options.registryUrl });
  const producer = createProducer({ kafka, codec, ...(options.ordered === undefined ? {} : { ordered: options.ordered }) });
  await producer.connect();
  const kafkaCheck = kafkaReadiness(kafka);
  return {
    kafka,
    codec,
    producer,
    readiness: [kafkaCheck, registryReadiness(options.registryUrl)],
    async stop() {
      await producer.stop();
      await kafkaCheck.stop();
    },
  };
}
