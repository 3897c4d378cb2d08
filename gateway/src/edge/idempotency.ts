import { createHash, randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import { AppError, header, requestContext, validationError } from '@smartcourse/platform';
import { userOf } from '../auth/middleware.js';
import type { RouteSpec } from '../routing/spec.js';
import { whenRedisAnswers } from './unavailable.js';
import { commandIdForKey, decideReplay, isIdempotencyKey, isReplayable, requestFingerprint, type IdempotencyRecord, type StoredResponse } from './rules.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Headers of the first answer a replay repeats, besides status and body. */
const KEPT_HEADERS = ['location', 'x-command-id'];
/**
 * How long a running request holds its key. A handler waits at most COMMAND_WAIT_MS (≤ 30 s) for
 * its result, so this outlives it; when a gateway dies mid-request the key frees itself, and the
 * retry gets the same derived command id, which the owning service's inbox applies once.
 */
const RUNNING_LOCK_SECONDS = 60;

export interface Idempotency {
  /** For `command: true` routes: replays the first answer to a retried `Idempotency-Key`. */
  forRoute(spec: RouteSpec): RequestHandler;
  /** Erasure: drops every kept answer of the person's own requests and every one that names them. */
  forgetAnswersOf(userId: string): Promise<void>;
}

/** The kept answers that name a person (by id), or that they asked for. */
const answersIndexKey = (userId: string) => `idempotency-index:${userId}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id in an answer: an answer carrying a person's data (a profile, a course's instructor) carries their id too. */
function idsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && UUID.test(value)) found.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const item of value) idsIn(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) idsIn(item, found);
  return found;
}

/** The command id for this request: derived from its `Idempotency-Key` when it has one, else fresh. */
export function commandIdOf(res: Response): string {
  res.locals.commandId ??= randomUUID();
  return res.locals.commandId as string;
}

function keptHeaders(res: Response): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}

/**
 * Keys live in Redis for `ttlSeconds` (24 h by default), scoped per user. A retry with the same
 * key and request gets the first answer again; the same key on another request is 422
 * `IDEMPOTENCY_KEY_REUSED`; a retry while the first is still running is 409
 * `IDEMPOTENCY_IN_PROGRESS` with `Retry-After`. Without Redis the key cannot be honoured, so
 * keyed requests answer 503 rather than risk a second command.
 *
 * Answers can hold personal data (a profile after a change), so each kept answer is indexed
 * under its caller and every id it contains; an erasure drops them all. A retry after that runs
 * again with the same derived command id, which the owning service's inbox applies once, and
 * answers what is left now.
 */
export function createIdempotency(options: { redis: Redis; ttlSeconds: number }): Idempotency {
  const { redis } = options;
  const guarded = <T>(run: () => Promise<T>) => whenRedisAnswers('Idempotency keys cannot be checked right now; try again.', run);

  return {
    forRoute(spec) {
      return async (req, res, next) => {
        const key = header(req, IDEMPOTENCY_HEADER);
        if (key === undefined) return next();
        if (!isIdempotencyKey(key)) {
          throw validationError([{ path: `headers.${IDEMPOTENCY_HEADER}`, message: 'must be 1 to 255 visible ASCII characters' }]);
        }
        const scope = spec.access === 'public' ? `ip:${req.ip}` : `user:${userOf(res).userId}`;
        const fingerprint = requestFingerprint({ method: req.method, url: req.originalUrl, body: req.body });
        const storeKey = `idempotency:${scope}:${createHash('sha256').update(key).digest('hex')}`;
        const running: IdempotencyRecord = { fingerprint, state: 'running' };

        const claimed = await guarded(() => redis.set(storeKey, JSON.stringify(running), 'EX', RUNNING_LOCK_SECONDS, 'NX'));
        if (claimed !== 'OK') {
          const stored = await guarded(() => redis.get(storeKey));
          const decision = stored ? decideReplay(JSON.parse(stored) as IdempotencyRecord, fingerprint) : { kind: 'in-progress' as const };
          if (decision.kind === 'reused') {
            throw new AppError({ code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used for a different request.' });
          }
          if (decision.kind === 'in-progress') {
            res.set('Retry-After', '1');
            throw new AppError({ code: 'IDEMPOTENCY_IN_PROGRESS', message: 'A request with this Idempotency-Key is still running; retry shortly.' });
          }
          res.set(decision.response.headers).set(REPLAYED_HEADER, 'true').status(decision.response.status).json(decision.response.body);
          return;
        }

        res.locals.commandId = commandIdForKey(scope, key, fingerprint);
        const remember = async (response: StoredResponse) => {
          try {
            if (!isReplayable(response.status)) await redis.del(storeKey);
            else {
              const batch = redis
                .multi()
                .set(storeKey, JSON.stringify({ fingerprint, state: 'done', response } satisfies IdempotencyRecord), 'EX', options.ttlSeconds);
              const people = scope.startsWith('user:') ? [scope.slice('user:'.length), ...idsIn(response.body)] : [...idsIn(response.body)];
              for (const id of new Set(people)) batch.sadd(answersIndexKey(id), storeKey).expire(answersIndexKey(id), options.ttlSeconds);
              await batch.exec();
            }
          } catch (error) {
            requestContext(res).log.warn({ err: error }, 'could not record the answer to an Idempotency-Key');
          }
        };
        // Recorded before it is sent, so a client that has the answer always finds it on retry.
        const send = res.json.bind(res);
        res.json = (body: unknown) => {
          void remember({ status: res.statusCode, headers: keptHeaders(res), body }).finally(() => send(body));
          return res;
        };
        next();
      };
    },

    async forgetAnswersOf(userId) {
      const index = answersIndexKey(userId.toLowerCase());
      const kept = await guarded(() => redis.smembers(index));
      await guarded(() => redis.del(index, ...kept));
    },
  };
}
