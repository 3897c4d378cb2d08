/**
 * An amount in minor units of an ISO 4217 currency, formatted for people: the currency's own
 * number of minor digits (2 for EUR, 0 for JPY, 3 for KWD) comes from Intl, so 4900 EUR is
 * €49.00 and 4900 JPY is ¥4,900. Money is an integer everywhere else; only this text divides it.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}
