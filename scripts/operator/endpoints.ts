import { OperatorError } from './failure.js';

/** Where the broker and the registry are: the environment, else the local platform's. */
export interface Endpoints {
  brokers: string[];
  registryUrl: string;
}

export function endpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new OperatorError(`KAFKA_BROKERS must be host:port[,host:port…], got "${env.KAFKA_BROKERS}"`);
  }
  const registryUrl = env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
  if (!URL.canParse(registryUrl)) throw new OperatorError(`SCHEMA_REGISTRY_URL is not a URL: "${registryUrl}"`);
  return { brokers, registryUrl };
}
