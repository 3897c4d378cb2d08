import { refundRefusal } from './rules.js';

const policy = { windowDays: 14, maxPercent: 30 };
const paidAt = new Date('2026-12-01T00:00:00Z');
const buyer = (percent: number) => ({ isAdmin: false, percent });

describe('refund rules', () => {
  it('lets the buyer have a refund within 14 days while under 30 %', () => {
    expect(refundRefusal({ status: 'paid', paidAt }, buyer(29), policy, new Date('2026-12-14T23:59:00Z'))).toBeNull();
    expect(refundRefusal({ status: 'paid', paidAt }, buyer(30), policy, new Date('2026-12-02T00:00:00Z'))).toBe('progress-too-far');
    expect(refundRefusal({ status: 'paid', paidAt }, buyer(0), policy, new Date('2026-12-15T00:00:01Z'))).toBe('window-passed');
  });

  it('lets an admin refund any paid order, and nobody an unpaid or refunded one', () => {
    const admin = { isAdmin: true, percent: 100 };
    expect(refundRefusal({ status: 'paid', paidAt }, admin, policy, new Date('2027-06-01T00:00:00Z'))).toBeNull();
    expect(refundRefusal({ status: 'pending', paidAt: null }, admin, policy, paidAt)).toBe('not-paid');
    expect(refundRefusal({ status: 'failed', paidAt: null }, buyer(0), policy, paidAt)).toBe('not-paid');
    expect(refundRefusal({ status: 'refunded', paidAt }, admin, policy, paidAt)).toBe('already-refunded');
  });
});
