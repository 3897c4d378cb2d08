import { randomUUID } from 'node:crypto';
import type { UserDeactivated, UserErased, UserRoleChanged } from '@smartcourse/contracts';
import { directSubscriptions, on, sleep, type DirectListener, type OwnConsumer, type ServiceKit } from '@smartcourse/platform';
import type { DenyList } from './deny-list.js';

const TOPICS = ['user.deactivated', 'user.role_changed', 'user.erased'] as const;
type AccountTopic = (typeof TOPICS)[number];
/** Room for the clocks of the publishing host and this one to disagree. */
const CLOCK_SKEW_MS = 60_000;
const CATCH_UP_POLL_MS = 100;

export interface AccountEventDeps {
  denyList: DenyList;
  accessTtlSeconds: number;
  /** Drops the answers kept for idempotent retries that carry the person's data (erasure). */
  forgetAnswersOf(userId: string): Promise<void>;
  /** How long those answers are kept: erasures are replayed that far back. */
  answersTtlSeconds: number;
}

/**
 * Access tokens live 15 minutes and only the gateway checks them, so when an account's role
 * changes, or it is deactivated or erased, the gateway refuses the tokens it was issued before
 * that moment: the rights they carry are no longer the person's. Reactivation needs nothing:
 * tokens from a new login are issued after it. An erasure also drops the kept answers that
 * carry the person's data.
 */
export function accountEventListeners(deps: AccountEventDeps): DirectListener[] {
  const deny = async (event: UserDeactivated | UserErased | UserRoleChanged) => {
    const remaining = (event.occurredAt + deps.accessTtlSeconds * 1000 - Date.now()) / 1000;
    if (remaining > 0) await deps.denyList.denyUser(event.userId, event.occurredAt, remaining);
  };
  return [
    on('user.deactivated', deny),
    on('user.role_changed', deny),
    on('user.erased', async (event) => {
      await deny(event);
      await deps.forgetAnswersOf(event.userId);
    }),
  ];
}

/** How far back each topic matters at start: one token lifetime, and for erasures as long as answers are kept. */
function replaySeconds(topic: AccountTopic, deps: AccountEventDeps): number {
  return topic === 'user.erased' ? Math.max(deps.accessTtlSeconds, deps.answersTtlSeconds) : deps.accessTtlSeconds;
}

/**
 * The account events of the last access-token lifetime (erasures: of the idempotency window),
 * then onwards. Each gateway instance has a fresh group that seeks, at every start, to the
 * offsets of `now - ACCESS_TOKEN_TTL_SECONDS` (offsets for times), so events published while no gateway ran
 * still revoke the tokens they concern, and a deny-list lost with Redis is rebuilt at the next
 * start. Anything published earlier concerns only tokens that have expired. A group shared by
 * the instances would resume from its committed offsets too, but could not rebuild a lost
 * deny-list, and a group per instance name still misses what came before that name existed.
 * `caughtUp` resolves once the events present at start are handled: the gateway's readiness waits for it.
 */
export function accountEventConsumer(deps: Pick<ServiceKit, 'kafka' | 'logger'> & AccountEventDeps): OwnConsumer {
  const groupId = `gateway-accounts-${randomUUID()}`;
  const admin = deps.kafka.admin();
  let replayWindow: Awaited<ReturnType<typeof offsets>> = [];

  /** Offsets of each partition at `nowMs` less the topic's replay window, and the end offsets now. */
  async function offsets(nowMs: number) {
    return Promise.all(
      TOPICS.map(async (topic) => ({
        topic,
        start: await admin.fetchTopicOffsetsByTimestamp(topic, nowMs - replaySeconds(topic, deps) * 1000),
        end: await admin.fetchTopicOffsets(topic),
      })),
    );
  }

  /** Waits until the group has committed past every record that was in the window at start. */
  async function handledUpTo(topics: Awaited<ReturnType<typeof offsets>>) {
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId, topics: [...TOPICS] });
      const behind = topics.some(({ topic, start, end }) =>
        end.some(({ partition, offset }) => {
          const from = start.find((p) => p.partition === partition)?.offset ?? offset;
          if (Number(from) >= Number(offset)) return false; // nothing in the window on this partition
          const at = committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
          return Number(at) < Number(offset);
        }),
      );
      if (!behind) return;
      await sleep(CATCH_UP_POLL_MS);
    }
  }

  return {
    name: 'account-events',
    groupId,
    // Where a new group starts does not matter: `startAt` seeks to a time at every start.
    subscriptions: directSubscriptions(accountEventListeners(deps), { fromBeginning: false }),
    async startAt() {
      await admin.connect();
      replayWindow = await offsets(Date.now() - CLOCK_SKEW_MS);
      return replayWindow.flatMap(({ topic, start }) => start.map(({ partition, offset }) => ({ topic, partition, offset })));
    },
    // Not ready before the deny-list holds every revocation that can still matter.
    async caughtUp() {
      await handledUpTo(replayWindow);
      deps.logger.info({ groupId }, 'account events caught up');
    },
    close: () => admin.disconnect(),
  };
}
