import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError, requestContext } from '@smartcourse/platform';
import { userOf } from '../auth/middleware.js';
import type { RouteSpec } from '../routing/spec.js';
import { rateLimitHeaders, type Rate } from './rules.js';

export type RatePolicy = 'anonymous' | 'credentials' | 'verification' | 'user';

export interface RateLimits {
  /** Counts a request to this route against its policy; past the limit, 429 `RATE_LIMITED`. */
  forRoute(spec: RouteSpec): RequestHandler;
}

interface Limiter {
  rate: Rate;
  shared: RateLimiterRedis;
  local: RateLimiterMemory;
}

type Outcome = { allowed: boolean; state: RateLimiterRes };

/**
 * `credentials` and `verification` routes get their own strict policies; otherwise public routes
 * count per IP, the rest per user.
 */
export function policyOf(spec: Pick<RouteSpec, 'access' | 'rateLimit'>): RatePolicy {
  if (spec.rateLimit === 'credentials' || spec.rateLimit === 'verification') return spec.rateLimit;
  return spec.access === 'public' || spec.access === 'anyone' ? 'anonymous' : 'user';
}

const WARN_EVERY_MS = 10_000;

function settle(consumed: Promise<RateLimiterRes>): Promise<Outcome> {
  return consumed.then(
    (state) => ({ allowed: true, state }),
    (reason: unknown) => {
      if (reason instanceof RateLimiterRes) return { allowed: false, state: reason };
      throw reason;
    },
  );
}

/**
 * Fixed-window counters in Redis, shared by every gateway instance. When Redis is unreachable the
 * gateway keeps limiting with per-process counters (and logs a warning) instead of failing open:
 * credential routes stay throttled, and traffic is not refused because a cache is down.
 */
export function createRateLimits(options: { redis: Redis; rates: Record<RatePolicy, Rate> }): RateLimits {
  const limiters = {} as Record<RatePolicy, Limiter>;
  for (const [policy, rate] of Object.entries(options.rates) as Array<[RatePolicy, Rate]>) {
    const common = { keyPrefix: `ratelimit:${policy}`, points: rate.points, duration: rate.durationSeconds };
    limiters[policy] = {
      rate,
      shared: new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: true }),
      local: new RateLimiterMemory(common),
    };
  }
  let warnedAt = 0;

  return {
    forRoute(spec) {
      const limiter = limiters[policyOf(spec)];
      return async (req, res, next) => {
        const key = spec.access === 'public' || spec.access === 'anyone' ? `ip:${req.ip ?? req.socket.remoteAddress}` : `user:${userOf(res).userId}`;
        let outcome: Outcome;
        try {
          outcome = await settle(limiter.shared.consume(key));
        } catch (error) {
          if (Date.now() - warnedAt > WARN_EVERY_MS) {
            warnedAt = Date.now();
            requestContext(res).log.warn({ err: error }, 'Redis unavailable: rate limits fall back to per-process counters');
          }
          outcome = await settle(limiter.local.consume(key));
        }
        const headers = rateLimitHeaders(limiter.rate, outcome.state);
        res.set(headers);
        if (outcome.allowed) return next();
        const retryAfter = headers['RateLimit-Reset']!;
        res.set('Retry-After', retryAfter);
        throw new AppError({
          code: 'RATE_LIMITED',
          message: `Too many requests; try again in ${retryAfter} s.`,
          details: { retryAfterSeconds: Number(retryAfter) },
        });
      };
    },
  };
}
