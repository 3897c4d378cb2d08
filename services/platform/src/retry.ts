/** Capped exponential backoff with full jitter: attempt 1 waits up to `initialMs`, doubling to `maxMs`. */
export interface RetryPolicy {
  attempts: number;
  initialMs: number;
  maxMs: number;
}

export const defaultRetry: RetryPolicy = { attempts: 5, initialMs: 200, maxMs: 5000 };

export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` until it succeeds or the attempts run out (then its last error is thrown),
 * waiting with the policy's backoff between attempts; for work no consumer will redeliver.
 */
export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy = defaultRetry): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts) throw error;
      await sleep(backoffMs(policy, attempt));
    }
  }
}
