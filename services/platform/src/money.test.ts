import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it('writes minor units in the currency’s own digits', () => {
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1234, 'KWD')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(-1999, 'USD')).toBe('-$19.99');
    expect(formatMoney(900719925474099, 'USD')).toBe('$9,007,199,254,740.99');
  });
});
