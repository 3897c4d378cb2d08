import { randomUUID } from 'node:crypto';
import type { UserDeactivated, UserErased, UserRoleChanged } from '@smartcourse/contracts';
import { createConsumer, sleep, type ConsumerOptions, type IncomingMessage, type Subscription } from '@smartcourse/platform';
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
export function accountEventSubscriptions(deps: AccountEventDeps): Subscription[] {
  const deny = async (event: UserDeactivated | UserErased | UserRoleChanged) => {
    const remaining = (event.occurredAt + deps.accessTtlSeconds * 1000 - Date.now()) / 1000;
    if (remaining > 0) await deps.denyList.denyUser(event.userId, event.occurredAt, remaining);
  };
  const handlers: Record<AccountTopic, (message: IncomingMessage) => Promise<void>> = {
    'user.deactivated': (message) => deny(message.value as unknown as UserDeactivated),
    'user.role_changed': (message) => deny(message.value as unknown as UserRoleChanged),
    'user.erased': async (message) => {
      const event = message.value as unknown as UserErased;
      await deny(event);
      await deps.forgetAnswersOf(event.userId);
    },
  };
  // Where a group starts does not matter: the consumer below always seeks to a time.
  return TOPICS.map((topic) => ({ topic, fromBeginning: false, handle: handlers[topic] }));
}

/** How far back each topic matters at start: one token lifetime, and for erasures as long as answers are kept. */
function replaySeconds(topic: AccountTopic, deps: AccountEventDeps): number {
  return topic === 'user.erased' ? Math.max(deps.accessTtlSeconds, deps.answersTtlSeconds) : deps.accessTtlSeconds;
}

type ConsumerDeps = Pick<ConsumerOptions, 'kafka' | 'codec' | 'producer' | 'logger' | 'metrics'>;

/**
 * The account events of the last access-token lifetime (erasures: of the idempotency window),
 * then onwards. Each gateway instance has a fresh group that seeks, at every start, to the
 * offsets of `now - ACCESS_TOKEN_TTL_SECONDS` (offsets for times), so events published while no gateway ran
 * still revoke the tokens they concern, and a deny-list lost with Redis is rebuilt at the next
 * start. Anything published earlier concerns only tokens that have expired. A group shared by
 * the instances would resume from its committed offsets too, but could not rebuild a lost
 * deny-list, and a group per instance name still misses what came before that name existed.
 * `start` resolves once the events present at start are handled, so readiness can wait for it.
 */
export function createAccountEventConsumer(deps: ConsumerDeps & AccountEventDeps) {
  const groupId = `gateway-accounts-${randomUUID()}`;
  const admin = deps.kafka.admin();
  let replayWindow: Awaited<ReturnType<typeof offsets>> = [];
  const consumer = createConsumer({
    ...deps,
    groupId,
    service: 'gateway',
    deadLetterGroup: 'gateway',
    subscriptions: accountEventSubscriptions(deps),
    async startAt() {
      await admin.connect();
      replayWindow = await offsets(Date.now() - CLOCK_SKEW_MS);
      return replayWindow.flatMap(({ topic, start }) => start.map(({ partition, offset }) => ({ topic, partition, offset })));
    },
  });

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
    async start() {
      await consumer.start();
      await handledUpTo(replayWindow);
      deps.logger.info({ groupId }, 'account events caught up');
    },
    async stop() {
      await consumer.stop();
      await admin.disconnect();
    },
  };
}
