import type { MoneySum } from '@smartcourse/contracts';
import { formatMoney } from '@smartcourse/platform';
import type { ReportRow } from './csv.js';

/** Sums per currency as Postgres returns them (bigint as text), never added across currencies. */
export const moneySums = (rows: readonly { currency: string; cents: string | number }[]): MoneySum[] =>
  rows.map((row) => ({ currency: row.currency, amountCents: Number(row.cents), amount: formatMoney(Number(row.cents), row.currency) }));

/** Money sums as CSV rows: `<metric>_cents` (minor units) and `<metric>` (the decimal string), each with its currency. */
export const moneyRows = (base: Omit<ReportRow, 'metric' | 'value'>, metric: string, sums: readonly MoneySum[]): ReportRow[] =>
  sums.flatMap((sum) => [
    { ...base, metric: `${metric}_cents`, value: sum.amountCents, currency: sum.currency },
    { ...base, metric, value: sum.amount, currency: sum.currency },
  ]);
