import type { Admin } from 'kafkajs';
import type { Connection } from 'mongoose';
import { processes } from '@smartcourse/contracts';
import { countUnpublished, createDb } from '@smartcourse/platform';

/** What still moves: rows waiting in an outbox, records a service's group has not committed, mail not sent. */
export interface Motion {
  outbox: Record<string, number>;
  lag: Record<string, number>;
  mailWaiting: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  let lag = 0;
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  for (const topic of topics) {
    const at = new Map((committed.find((entry) => entry.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const from = Math.max(at.get(end.partition) ?? Number(end.low), Number(end.low));
      lag += Math.max(0, Number(end.high) - from);
    }
  }
  return lag;
}

export interface MotionDeps {
  admin: Admin;
  databaseUrls: Record<string, string>;
  notifications: Connection;
  /** The run's people: mail to others (earlier runs on a dev store) is not the run's to wait for. */
  recipients(): string[];
}

export async function motion(deps: MotionDeps): Promise<Motion> {
  const outbox: Record<string, number> = {};
  for (const [service, url] of Object.entries(deps.databaseUrls)) {
    const db = createDb({ url, poolMax: 1 });
    try {
      outbox[service] = await countUnpublished(db);
    } finally {
      await db.destroy();
    }
  }
  const lag: Record<string, number> = {};
  for (const spec of processes) if (spec.role === 'service') lag[spec.name] = await groupLag(deps.admin, spec.name, spec.consumes);
  const mailWaiting = await deps.notifications
    .collection('deliveries')
    .countDocuments({ channel: 'email', status: { $in: ['pending', 'sending'] }, userId: { $in: deps.recipients() } });
  return { outbox, lag, mailWaiting };
}

const still = (m: Motion) => Object.values(m.outbox).some((n) => n > 0) || Object.values(m.lag).some((n) => n > 0) || m.mailWaiting > 0;

/** Waits until nothing moves (twice in a row, a second apart); the last look either way, and how long it took. */
export async function quiescence(deps: MotionDeps, timeoutMs: number): Promise<{ settled: boolean; ms: number; last: Motion }> {
  const started = Date.now();
  let calm = 0;
  for (;;) {
    const last = await motion(deps);
    calm = still(last) ? 0 : calm + 1;
    if (calm >= 2) return { settled: true, ms: Date.now() - started, last };
    if (Date.now() - started > timeoutMs) return { settled: false, ms: Date.now() - started, last };
    await sleep(1000);
  }
}
