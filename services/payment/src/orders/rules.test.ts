import { onPaymentFailed, onPaymentRefunded, onPaymentSucceeded } from './rules.js';

describe('order transitions', () => {
  it('pays a pending, failed or expired order once, and never a paid or refunded one again', () => {
    expect(onPaymentSucceeded('pending')).toBe('pay');
    expect(onPaymentSucceeded('failed')).toBe('pay');
    expect(onPaymentSucceeded('expired')).toBe('pay');
    expect(onPaymentSucceeded('paid')).toBe('ignore');
    expect(onPaymentSucceeded('refunded')).toBe('ignore');
  });

  it('fails only a pending order, and refunds only a paid one', () => {
    expect(onPaymentFailed('pending')).toBe('fail');
    expect(onPaymentFailed('paid')).toBe('ignore');
    expect(onPaymentRefunded('paid')).toBe('refund');
    expect(onPaymentRefunded('refunded')).toBe('ignore');
    expect(onPaymentRefunded('pending')).toBe('ignore');
  });
});
