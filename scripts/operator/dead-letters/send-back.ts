import type { Kafka } from 'kafkajs';
import type { RedriveMessage } from './redrive-plan.js';

/**
 * Sends the messages to their source topics and partitions in the order given (offset order per
 * dead-letter partition): one idempotent producer with one request in flight, so a retry never
 * reorders them, and every send acknowledged by all in-sync replicas before the next.
 */
export async function sendBack(kafka: Kafka, messages: readonly RedriveMessage[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const run of consecutiveByTopic(messages)) {
      await producer.send({
        topic: run[0]!.target.topic,
        acks: -1,
        messages: run.map((m) => ({ partition: m.target.partition, key: m.key, value: m.value, headers: m.headers })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Runs of consecutive messages to one topic: each run is one request, the runs go in order. */
function consecutiveByTopic(messages: readonly RedriveMessage[]): RedriveMessage[][] {
  const runs: RedriveMessage[][] = [];
  for (const message of messages) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.target.topic === message.target.topic) last.push(message);
    else runs.push([message]);
  }
  return runs;
}
