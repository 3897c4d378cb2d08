import { createHash } from 'node:crypto';

/** A rate-limit policy: at most `points` requests per `durationSeconds` window. */
export interface Rate {
  points: number;
  durationSeconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, second: 1, m: 60, min: 60, minute: 60, h: 3600, hour: 3600 };

/** Reads `20/min`, `5/s`, `1000/hour`, or a bare number (per minute). */
export function parseRate(text: string): Rate | undefined {
  const match = /^\s*(\d+)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(text);
  if (!match?.[1]) return undefined;
  const durationSeconds = UNIT_SECONDS[(match[2] ?? 'min').toLowerCase()];
  const points = Number(match[1]);
  if (!durationSeconds || points < 1) return undefined;
  return { points, durationSeconds };
}

/** The `RateLimit-*` response headers (IETF draft "RateLimit header fields for HTTP"). */
export function rateLimitHeaders(rate: Rate, state: { remainingPoints: number; msBeforeNext: number }): Record<string, string> {
  return {
    'RateLimit-Limit': String(rate.points),
    'RateLimit-Remaining': String(Math.max(0, state.remainingPoints)),
    'RateLimit-Reset': String(Math.max(1, Math.ceil(state.msBeforeNext / 1000))),
    'RateLimit-Policy': `${rate.points};w=${rate.durationSeconds}`,
  };
}

/** 1 to 255 visible ASCII characters, as most APIs that take an `Idempotency-Key` accept. */
export const isIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** What makes two requests "the same request": method, URL and body, key order ignored. */
export function requestFingerprint(request: { method: string; url: string; body: unknown }): string {
  return createHash('sha256')
    .update(JSON.stringify([request.method.toUpperCase(), request.url, canonical(request.body ?? null)]))
    .digest('hex');
}

const COMMAND_ID_NAMESPACE = 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607';

/** RFC 9562 UUID version 5 (SHA-1 of namespace + name). */
export function uuidV5(name: string, namespace = COMMAND_ID_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The command id of a keyed request. Derived, not random, so a retry after a gateway crash
 * (when the gateway has lost its record) still carries the same id and the owning service's
 * inbox applies it once. The fingerprint is part of it so a key reused for another request
 * after the 24 h window is a new command.
 */
export const commandIdForKey = (scope: string, key: string, fingerprint: string) => uuidV5(`${scope}\n${key}\n${fingerprint}`);

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type IdempotencyRecord = { fingerprint: string; state: 'running' } | { fingerprint: string; state: 'done'; response: StoredResponse };

export type Replay = { kind: 'replay'; response: StoredResponse } | { kind: 'reused' } | { kind: 'in-progress' };

/** What to do with a request whose key is already recorded. */
export function decideReplay(record: IdempotencyRecord, fingerprint: string): Replay {
  if (record.fingerprint !== fingerprint) return { kind: 'reused' };
  if (record.state === 'running') return { kind: 'in-progress' };
  return { kind: 'replay', response: record.response };
}

/** Only a finished answer is worth replaying: a 5xx releases the key so the client may retry. */
export const isReplayable = (status: number) => status < 500;
