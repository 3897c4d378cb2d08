import type { Kafka } from 'kafkajs';
import type { ReadinessCheck } from './http/app.js';

/** Kafka answers a metadata request (one admin connection, reused). */
export function kafkaReadiness(kafka: Kafka): ReadinessCheck & { stop(): Promise<void> } {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  return {
    name: 'kafka',
    async check() {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      await admin.describeCluster();
    },
    stop: () => admin.disconnect(),
  };
}

/** The schema registry answers its ccompat API. */
export function registryReadiness(registryUrl: string): ReadinessCheck {
  return {
    name: 'schema-registry',
    async check() {
      const response = await fetch(`${registryUrl.replace(/\/$/, '')}/subjects`, { signal: AbortSignal.timeout(2000) });
      if (!response.ok) throw new Error(`registry answered ${response.status}`);
    },
  };
}

/** Ready once a start-up step (e.g. joining the consumer group) has finished. */
export function startedReadiness(name: string): ReadinessCheck & { started(): void } {
  let done = false;
  return {
    name,
    async check() {
      if (!done) throw new Error('starting');
    },
    started() {
      done = true;
    },
  };
}
