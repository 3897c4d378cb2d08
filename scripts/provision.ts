/**
 * Provisions the platform from the contracts catalog: creates or updates every topic and
 * registers every schema version (subjects set to FULL_TRANSITIVE). Idempotent.
 *
 *   npx tsx scripts/provision.ts
 *
 * Environment: KAFKA_BROKERS (default 127.0.0.1:9092, comma-separated),
 * SCHEMA_REGISTRY_URL (default http://127.0.0.1:8081/apis/ccompat/v7),
 * KAFKA_REPLICATION_FACTOR (default 1).
 */
import { Kafka, logLevel } from 'kafkajs';
import { fullTransitiveProblems, subjects, topics } from '@smartcourse/contracts';
import {
  provisionTopics,
  registerSchemas,
  type SchemaRegistrationSummary,
  type TopicProvisioningSummary,
} from '../services/platform/src/provisioning/index.js';

interface Settings {
  brokers: string[];
  registryUrl: string;
  replicationFactor: number;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) {
    throw new Error(`KAFKA_BROKERS must be host:port[,host:port…], got "${env.KAFKA_BROKERS}"`);
  }
  const registryUrl = env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
  if (!URL.canParse(registryUrl)) throw new Error(`SCHEMA_REGISTRY_URL is not a URL: "${registryUrl}"`);
  const replicationFactor = Number(env.KAFKA_REPLICATION_FACTOR ?? '1');
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new Error(`KAFKA_REPLICATION_FACTOR must be a positive integer, got "${env.KAFKA_REPLICATION_FACTOR}"`);
  }
  return { brokers, registryUrl, replicationFactor };
}

function checkSchemasLocally(): void {
  const problems = subjects().flatMap((s) => fullTransitiveProblems(s.versions).map((p) => `${s.subject} ${p}`));
  if (problems.length > 0) {
    throw new Error(`schemas are not FULL_TRANSITIVE compatible:\n  ${problems.join('\n  ')}`);
  }
}

function describeTopics(summary: TopicProvisioningSummary): string {
  const parts = [
    summary.created.length > 0 && `created ${summary.created.join(', ')}`,
    summary.altered.length > 0 && `altered ${summary.altered.map((a) => `${a.topic} (${Object.keys(a.configs).join(', ')})`).join('; ')}`,
    summary.partitionsIncreased.length > 0 && `partitions ${summary.partitionsIncreased.map((p) => `${p.topic} ${p.from}→${p.to}`).join(', ')}`,
    summary.partitionsAhead.length > 0 &&
      `more partitions than the catalog (left as is): ${summary.partitionsAhead.map((p) => `${p.topic} ${p.actual}>${p.catalog}`).join(', ')}`,
  ].filter(Boolean);
  return `topics: ${parts.length > 0 ? parts.join('; ') : 'nothing to change'} (${summary.unchanged.length} unchanged)`;
}

function describeSchemas(summary: SchemaRegistrationSummary): string {
  const parts = [
    summary.registered.length > 0 && `registered ${summary.registered.map((r) => `${r.subject} v${r.version} (id ${r.id})`).join(', ')}`,
    summary.configured.length > 0 && `set FULL_TRANSITIVE on ${summary.configured.join(', ')}`,
  ].filter(Boolean);
  const ids = Object.entries(summary.latestIds)
    .map(([subject, id]) => `${subject}=${id}`)
    .join(', ');
  return `schemas: ${parts.length > 0 ? parts.join('; ') : 'nothing to change'}\nlatest ids: ${ids}`;
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  checkSchemasLocally();
  const kafka = new Kafka({
    clientId: 'smartcourse-provision',
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect().catch((error: Error) => {
      throw new Error(`cannot reach Kafka at ${settings.brokers.join(',')}: ${error.message}`);
    });
    const topicSummary = await provisionTopics({ admin, topics, replicationFactor: settings.replicationFactor });
    console.log(describeTopics(topicSummary));
  } finally {
    await admin.disconnect();
  }
  const schemaSummary = await registerSchemas({ registryUrl: settings.registryUrl, subjects: subjects() }).catch((error: Error) => {
    if (error.name === 'TypeError' || error.name === 'TimeoutError') {
      throw new Error(`cannot reach the schema registry at ${settings.registryUrl}: ${describeCause(error)}`);
    }
    throw error;
  });
  console.log(describeSchemas(schemaSummary));
}

function describeCause(error: Error): string {
  const cause = (error as Error & { cause?: { message?: string } }).cause;
  return cause?.message ? `${error.message} (${cause.message})` : error.message;
}

main().catch((error: unknown) => {
  console.error(`provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
