import { describe, expect, it } from '@jest/globals';
import { backoffMs } from './retry.js';

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
