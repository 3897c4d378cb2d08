import { createParser } from 'eventsource-parser';
import { env } from './env.js';

/** One dispatched event, or a comment line (a heartbeat), with the moment it arrived. */
export type Received = { kind: 'event'; event: string; id: string | undefined; data: any; at: number } | { kind: 'comment'; text: string; at: number };

export interface SseStream {
  status: number;
  headers: Headers;
  received: Received[];
  events(name?: string): Extract<Received, { kind: 'event' }>[];
  /** The last id any event carried: what an EventSource sends as Last-Event-ID on reconnect. */
  lastEventId(): string | undefined;
  /** The `retry:` hint, once sent. */
  retry(): number | undefined;
  /** Resolves when the server has ended the stream. */
  ended: Promise<void>;
  /** Waits until `predicate` holds over what was received (or throws after `timeoutMs`). */
  waitFor(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A Server-Sent Events client over fetch, for tests: unlike EventSource it can send any header
 * (a bearer token, a cookie, Last-Event-ID), shows comment lines, and never reconnects by itself.
 */
export async function openStream(
  options: { token?: string; cookie?: string; lastEventId?: string; query?: string; baseUrl?: string } = {},
): Promise<SseStream> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const controller = new AbortController();
  const response = await fetch(`${options.baseUrl ?? env.gatewayUrl}/api/notifications/stream${options.query ?? ''}`, { headers, signal: controller.signal });
  const received: Received[] = [];
  let retry: number | undefined;
  let lastId: string | undefined;
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((wake) => wake());

  const parser = createParser({
    onEvent(message) {
      if (message.id !== undefined) lastId = message.id;
      let data: unknown = message.data;
      try {
        data = JSON.parse(message.data);
      } catch {
        // not JSON: kept as text
      }
      received.push({ kind: 'event', event: message.event ?? 'message', id: message.id, data, at: Date.now() });
      changed();
    },
    onComment(text) {
      received.push({ kind: 'comment', text, at: Date.now() });
      changed();
    },
    onRetry(ms) {
      retry = ms;
    },
  });

  const ended = (async () => {
    if (!response.body || !response.ok) {
      const text = await response.text();
      received.push({ kind: 'event', event: 'error-body', id: undefined, data: text ? JSON.parse(text) : undefined, at: Date.now() });
      return;
    }
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })().finally(changed);

  let done = false;
  void ended.finally(() => (done = true));

  return {
    status: response.status,
    headers: response.headers,
    received,
    events: (name) =>
      received.filter((item): item is Extract<Received, { kind: 'event' }> => item.kind === 'event' && (name === undefined || item.event === name)),
    lastEventId: () => lastId,
    retry: () => retry,
    ended,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`the stream did not get there within ${timeoutMs} ms; received ${JSON.stringify(received)}`);
        if (done && !predicate(received)) throw new Error(`the stream ended first; received ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
          waiters.add(wake);
        });
      }
    },
    close: () => controller.abort(),
  };
}
