import type { Redis } from 'ioredis';
import { notificationChannel, type NotificationPush } from '@smartcourse/contracts';
import type { Logger } from '@smartcourse/platform';

export interface Pusher {
  push(userId: string, message: NotificationPush): Promise<void>;
}

/**
 * Live pushes to whichever gateway holds the person's streams (Redis pub/sub). The inbox is the
 * record: a push lost while Redis is down is read from the backlog when the stream reconnects,
 * so a failed publish is logged and the notification stands.
 */
export function createPusher(redis: Redis, logger: Logger): Pusher {
  return {
    async push(userId, message) {
      try {
        await redis.publish(notificationChannel(userId), JSON.stringify(message));
      } catch (error) {
        logger.warn({ err: error, userId }, 'live push not published; the stream reads it from the backlog on reconnect');
      }
    },
  };
}
