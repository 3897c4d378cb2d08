import { describe, expect, it } from '@jest/globals';
import { formatMoney } from './money.js';

describe('money in a mail', () => {
  it('formats minor units with the currency’s own digits', () => {
    expect(formatMoney(4900, 'EUR')).toBe('€49.00');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(4900, 'JPY')).toBe('¥4,900');
    // Intl puts a no-break space between a currency code and the amount.
    expect(formatMoney(1500, 'KWD')).toBe('KWD\u00a01.500');
    expect(formatMoney(0, 'GBP')).toBe('£0.00');
  });
});
