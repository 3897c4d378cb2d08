import { z } from 'zod';
import { header, parse } from '@smartcourse/platform';
import { userOf } from '../../auth/middleware.js';
import { NOTIFICATION_STREAM_PATH, STREAM_COOKIE } from '../../auth/stream-cookie.js';
import type { NotificationStreams } from '../../notifications/streams.js';
import { route, type RouteSpec } from '../../routing/spec.js';

const position = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `lastEventId` is for clients that cannot set `Last-Event-ID`; the header wins, as an EventSource's reconnect sends it. */
const StreamQuery = z.strictObject({ lastEventId: position.optional() });
const LastEventId = z.object({ lastEventId: position });

const EVENTS = [
  'Server-Sent Events.',
  '`event: notification` with `id: <seq>` and data `{"notification": Notification, "unreadCount": n}` for each new in-app notification;',
  '`event: unread` with data `{"unreadCount": n}` when the count changes (a read, read-all);',
  'the first event of every connection is `unread` with the current count and `id:` the stream position.',
  'With `Last-Event-ID` (or `?lastEventId=`) the notifications after that seq are replayed first; without, the stream starts from now.',
  'A comment line comes every 15 s (SSE_HEARTBEAT_MS); the stream ends when the access token expires or is revoked: reconnect with a fresh one.',
  'One connection replays at most SSE_CATCH_UP_LIMIT notifications (500): past them it ends, and the reconnect with `Last-Event-ID` goes on from there.',
  'One person holds at most SSE_MAX_STREAMS_PER_USER open streams (5) per gateway: one more is refused with 429 `TOO_MANY_STREAMS`.',
].join(' ');

/** The live push of the caller's in-app notifications, fanned out through Redis to whichever gateway holds the stream. */
export function streamRoutes(deps: { notificationStreams: NotificationStreams }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: NOTIFICATION_STREAM_PATH,
      summary: 'Live notifications and unread count (Server-Sent Events); `Last-Event-ID` resumes without loss or repeats',
      tag: 'notifications',
      access: 'authenticated',
      tokenCookie: STREAM_COOKIE,
      request: { query: StreamQuery },
      responses: { 200: { description: EVENTS, mediaType: 'text/event-stream' } },
      errors: [{ code: 'TOO_MANY_STREAMS' }],
      async handler({ query }, res, req) {
        const fromHeader = header(req, 'last-event-id');
        const after = fromHeader ? parse(LastEventId, { lastEventId: fromHeader }).lastEventId : query.lastEventId;
        await deps.notificationStreams.open(req, res, { user: userOf(res), after });
      },
    }),
  ];
}
