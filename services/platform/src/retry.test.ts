import { describe, expect, it } from '@jest/globals';
import { backoffMs, withRetries } from './retry.js';

describe('retry backoff', () => {
  const policy = { attempts: 5, initialMs: 100, maxMs: 1000 };

  it('doubles from the initial wait and stays within [half, full] of the ceiling', () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(50);
    expect(backoffMs(policy, 1, () => 1)).toBe(100);
    expect(backoffMs(policy, 3, () => 1)).toBe(400);
  });

  it('is capped', () => {
    expect(backoffMs(policy, 20, () => 1)).toBe(1000);
    expect(backoffMs(policy, 20, () => 0)).toBe(500);
  });
});

describe('withRetries', () => {
  const quick = { attempts: 3, initialMs: 1, maxMs: 2 };

  it('returns the first success', async () => {
    let calls = 0;
    const result = await withRetries(async () => {
      calls += 1;
      if (calls < 3) throw new Error('not yet');
      return 'done';
    }, quick);
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('throws the last error once the attempts run out', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls += 1;
        throw new Error(`failure ${calls}`);
      }, quick),
    ).rejects.toThrow('failure 3');
    expect(calls).toBe(3);
  });
});
