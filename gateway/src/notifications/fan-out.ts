import type { Redis } from 'ioredis';
import { NotificationPush, notificationChannel } from '@smartcourse/contracts';
import type { Logger, ReadinessCheck } from '@smartcourse/platform';

export interface PushListener {
  push(push: NotificationPush): void;
  /** The subscriber connection dropped: pushes may have been missed. */
  lost(): void;
}

/**
 * One Redis subscriber connection per gateway process, shared by every open stream: a user's
 * channel is subscribed while at least one of their streams is open here, so a push published
 * once reaches the user on whichever instance holds the stream.
 */
export interface NotificationFanOut {
  /** Resolves once this process is subscribed to the user's channel; the answer removes the listener. */
  listen(userId: string, listener: PushListener): Promise<() => void>;
  readiness: ReadinessCheck;
  stop(): Promise<void>;
}

interface Channel {
  listeners: Set<PushListener>;
  subscribed: Promise<unknown>;
}

/**
 * `subscriber` must be a connection of its own (it enters subscriber mode) created with
 * `autoResubscribe: false`: a dropped connection ends every stream instead (their clients resume
 * from `Last-Event-ID` through the backlog), so channels nobody listens to any more are not
 * subscribed again.
 */
export function createNotificationFanOut({ subscriber, logger }: { subscriber: Redis; logger: Logger }): NotificationFanOut {
  const channels = new Map<string, Channel>();

  subscriber.on('message', (name: string, message: string) => {
    const channel = channels.get(name);
    if (!channel) return;
    let push: NotificationPush;
    try {
      push = NotificationPush.parse(JSON.parse(message));
    } catch (error) {
      logger.warn({ err: error, channel: name }, 'an unreadable notification push was dropped');
      return;
    }
    for (const listener of [...channel.listeners]) listener.push(push);
  });

  subscriber.on('close', () => {
    if (channels.size === 0) return;
    logger.warn({ channels: channels.size }, 'the notification subscriber connection closed; ending its streams');
    const lost = [...channels.values()].flatMap((channel) => [...channel.listeners]);
    channels.clear();
    for (const listener of lost) listener.lost();
  });

  return {
    async listen(userId, listener) {
      const name = notificationChannel(userId);
      let channel = channels.get(name);
      if (!channel) {
        channel = { listeners: new Set(), subscribed: subscriber.subscribe(name) };
        channels.set(name, channel);
      }
      channel.listeners.add(listener);
      const own = channel;
      const remove = () => {
        own.listeners.delete(listener);
        // A channel replaced since (after a dropped connection) is not this one's to end.
        if (own.listeners.size > 0 || channels.get(name) !== own) return;
        channels.delete(name);
        subscriber.unsubscribe(name).catch((error: unknown) => logger.warn({ err: error, channel: name }, 'unsubscribe failed'));
      };
      try {
        await own.subscribed;
      } catch (error) {
        remove();
        throw error;
      }
      return remove;
    },
    readiness: {
      name: 'notification-subscriber',
      async check() {
        if (subscriber.status !== 'ready') throw new Error(`the subscriber connection is ${subscriber.status}`);
      },
    },
    async stop() {
      await subscriber.quit();
    },
  };
}
