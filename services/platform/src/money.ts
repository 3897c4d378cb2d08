/**
 * An amount in minor units as people read it (`$19.99`, `¥500`): the decimal is composed from the
 * integer by the currency's own number of digits, so no float ever holds the amount.
 */
export function formatMoney(cents: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const sign = cents < 0 ? '-' : '';
  const units = Math.abs(cents);
  const scale = 10 ** digits;
  const fraction = units % scale;
  const decimal = digits === 0 ? `${sign}${units}` : `${sign}${(units - fraction) / scale}.${String(fraction).padStart(digits, '0')}`;
  // Intl formats a numeric string exactly (no conversion to a float).
  return format.format(decimal as `${number}`);
}
