import { describe, expect, it } from '@jest/globals';
import { decidePurchase, decideRefund } from './purchase-rules.js';
import type { Enrollment } from './rules.js';

const enrollment = (status: Enrollment['status'], orderId: string | null = 'order-1'): Enrollment => ({
  id: 'e',
  studentId: 'student',
  courseId: 'course',
  status,
  completedLessonIds: [],
  percent: 0,
  requiredLessonCount: 1,
  completedRequiredCount: 0,
  currentLessonId: null,
  lastAccessedAt: null,
  timeSpentSeconds: 0,
  enrolledAt: new Date(0),
  completedAt: null,
  scorePercent: null,
  orderId,
  refundedAt: null,
  version: 1,
  updatedAt: new Date(0),
});
const kindOf = (decision: { kind: string; change?: unknown }) => (decision.kind === 'accepted' ? decision.change : decision.kind);

describe('a paid order', () => {
  it('creates the enrollment, or brings back a dropped or refunded one', () => {
    expect(kindOf(decidePurchase(undefined, { refunded: false }))).toBe('create');
    expect(kindOf(decidePurchase(enrollment('dropped'), { refunded: false }))).toBe('reactivate');
    expect(kindOf(decidePurchase(enrollment('refunded'), { refunded: false }))).toBe('reactivate');
  });

  it('leaves an active, completed or suspended enrollment as it is', () => {
    for (const status of ['active', 'completed', 'suspended'] as const)
      expect(kindOf(decidePurchase(enrollment(status), { refunded: false }))).toBe('unchanged');
  });

  it('enrolls nobody when its refund was handled first', () => {
    expect(kindOf(decidePurchase(undefined, { refunded: true }))).toBe('unchanged');
    expect(kindOf(decidePurchase(enrollment('dropped'), { refunded: true }))).toBe('unchanged');
  });
});

describe('a refunded order', () => {
  it('ends the enrollment it bought, whatever its status', () => {
    for (const status of ['active', 'completed', 'suspended', 'dropped'] as const) expect(kindOf(decideRefund(enrollment(status), 'order-1'))).toBeNull();
  });

  it('changes nothing a second time, for another order, for a self enrollment, or without an enrollment', () => {
    expect(kindOf(decideRefund(enrollment('refunded'), 'order-1'))).toBe('unchanged');
    expect(kindOf(decideRefund(enrollment('active', 'order-2'), 'order-1'))).toBe('unchanged');
    expect(kindOf(decideRefund(enrollment('active', null), 'order-1'))).toBe('unchanged');
    expect(kindOf(decideRefund(undefined, 'order-1'))).toBe('unchanged');
  });
});
