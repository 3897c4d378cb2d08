import { describe, expect, it } from '@jest/globals';
import { attemptRefusal, mayStudy } from './rules.js';

describe('who takes quizzes', () => {
  it('lets active and completed enrollments attempt, tells a suspended student why, and others to enroll', () => {
    expect(attemptRefusal('active')).toBeUndefined();
    expect(attemptRefusal('completed')).toBeUndefined();
    expect(attemptRefusal('suspended')?.code).toBe('ENROLLMENT_SUSPENDED');
    expect(attemptRefusal('dropped')?.code).toBe('ENROLLMENT_REQUIRED');
    expect(attemptRefusal('refunded')?.code).toBe('ENROLLMENT_REQUIRED');
    expect(attemptRefusal(undefined)?.code).toBe('ENROLLMENT_REQUIRED');
    for (const status of ['active', 'completed', 'suspended', 'dropped', 'refunded'] as const)
      expect(attemptRefusal(status) === undefined).toBe(mayStudy(status));
  });
});
