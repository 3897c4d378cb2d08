import { createEventBuffer, createSession, type Session } from 'better-sse';
import type { Request, Response } from 'express';
import type { NotificationPush } from '@smartcourse/contracts';
import { AppError, requestContext, unauthorized, unavailable } from '@smartcourse/platform';
import type { DenyList } from '../auth/deny-list.js';
import type { AuthenticatedUser } from '../auth/tokens.js';
import type { InternalClient } from '../internal-client.js';
import { relay } from '../relay.js';
import { readBacklog } from './backlog.js';
import { createCatchUp, type StreamEvent } from './catch-up.js';
import type { NotificationFanOut } from './fan-out.js';

export interface NotificationStreams {
  /**
   * Serves the caller's stream until the client leaves, its token expires or is revoked, the
   * subscriber connection drops, or the gateway stops: from `after` (its Last-Event-ID), or from now.
   */
  open(req: Request, res: Response, stream: { user: AuthenticatedUser; after: number | undefined }): Promise<void>;
  /** Ends every open stream and refuses new ones (503): the first step of the gateway's shutdown. */
  close(): Promise<void>;
}

export interface NotificationStreamDeps {
  fanOut: NotificationFanOut;
  notifications: InternalClient;
  denyList: DenyList;
  /** Between heartbeat comments, and between checks that the token is still not revoked. */
  heartbeatMs: number;
  /** The reconnection delay suggested to the client. */
  retryMs: number;
  /** Open streams one person may hold on this gateway; one more is refused (429 `TOO_MANY_STREAMS`). */
  maxStreamsPerUser: number;
  /** Notifications one connection replays at most; past them it ends and the client resumes from its last id. */
  catchUpLimit: number;
}

const tooManyStreams = (max: number) =>
  new AppError({
    code: 'TOO_MANY_STREAMS',
    message: `At most ${max} notification streams may be open at once per person; close one first.`,
    details: { max },
  });

function write(session: Session, event: StreamEvent): void {
  const buffer = createEventBuffer().event(event.event);
  if (event.id !== undefined) buffer.id(String(event.id));
  void session.batch(buffer.data(event.data).dispatch());
}

export function createNotificationStreams(deps: NotificationStreamDeps): NotificationStreams {
  /** Each open stream's way to end, and the moment it has. */
  const open = new Map<(reason: string) => void, Promise<void>>();
  /** Open streams by user id. */
  const perUser = new Map<string, number>();
  let closing = false;

  return {
    async open(req, res, { user, after }) {
      if (closing) throw unavailable('The gateway is stopping; reconnect.');
      const untilExpiry = user.expiresAt * 1000 - Date.now();
      if (untilExpiry <= 0) throw unauthorized('The token has expired.');
      const held = perUser.get(user.userId) ?? 0;
      if (held >= deps.maxStreamsPerUser) throw tooManyStreams(deps.maxStreamsPerUser);
      perUser.set(user.userId, held + 1);
      const log = requestContext(res).log.child({ userId: user.userId });

      let session: Session | undefined;
      let ended: string | undefined;
      const cleanups: (() => void)[] = [];
      let finished!: () => void;
      const done = new Promise<void>((resolve) => (finished = resolve));
      const end = (reason: string) => {
        if (ended) return;
        ended = reason;
        if (session?.isConnected) {
          void session.batch(createEventBuffer().comment(reason).dispatch());
          res.end();
        }
      };
      res.once('close', () => {
        const left = (perUser.get(user.userId) ?? 1) - 1;
        if (left > 0) perUser.set(user.userId, left);
        else perUser.delete(user.userId);
        end('client left');
        for (const cleanup of cleanups.reverse()) cleanup();
        open.delete(end);
        finished();
      });
      open.set(end, done);

      const call = { client: deps.notifications, actor: { userId: user.userId, role: user.role }, correlationId: requestContext(res).correlationId };
      const catchUp = createCatchUp(
        (event) => {
          if (session?.isConnected && !ended) write(session, event);
        },
        async (position) => {
          const gap = await readBacklog(call, position, deps.catchUpLimit);
          if ('refused' in gap) throw unavailable('The notification service refused the backlog.');
          return gap;
        },
        // The client resumes from its last id through the backlog.
        () => end('backlog unavailable'),
        () => end('catch-up continues: reconnect with Last-Event-ID'),
      );
      // Subscribed before the backlog is read: a push published meanwhile waits in catchUp.
      const listener = { push: (push: NotificationPush) => catchUp.push(push), lost: () => end('subscriber connection lost') };
      const unlisten = await deps.fanOut.listen(user.userId, listener).catch((error: unknown) => {
        throw unavailable('Live notifications cannot be subscribed to right now; reconnect.', error);
      });
      cleanups.push(unlisten);
      const backlog = await readBacklog(call, after, deps.catchUpLimit);
      if ('refused' in backlog) return relay(res, backlog.refused);
      if (ended) throw unavailable('The stream could not start; reconnect.');

      session = await createSession(req, res, { keepAlive: deps.heartbeatMs, retry: deps.retryMs, trustClientEventId: false });
      const expiry = setTimeout(() => end('token expired'), untilExpiry);
      const revocation = setInterval(() => {
        deps.denyList.isDenied(user).then(
          (denied) => denied && end('token revoked'),
          () => end('token revocation cannot be checked'),
        );
      }, deps.heartbeatMs);
      cleanups.push(
        () => clearTimeout(expiry),
        () => clearInterval(revocation),
      );
      catchUp.open(backlog);
      log.info({ from: backlog.from, replayed: backlog.notifications.length, more: backlog.more }, 'notification stream open');
      await done;
      log.info({ reason: ended }, 'notification stream ended');
    },

    async close() {
      closing = true;
      const waiting = [...open.values()];
      for (const end of [...open.keys()]) end('gateway stopping');
      await Promise.all(waiting);
    },
  };
}
