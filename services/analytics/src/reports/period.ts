import type { ReportQuery } from '@smartcourse/contracts';

/** A report's range: inclusive days in the caller's zone. */
export type Period = Pick<ReportQuery, 'from' | 'to' | 'tz'>;

/**
 * The CTE `bounds(start, stop)`: the first instant of `from` and the first instant after `to`, in
 * the caller's zone (so a day is 23 or 25 hours across a DST change). Bindings: `:from`, `:to`, `:tz`.
 */
export const BOUNDS = `bounds as (select (:from::date)::timestamp at time zone :tz as start, (:to::date + 1)::timestamp at time zone :tz as stop)`;

/** The days of the range as text (YYYY-MM-DD), for a series with its zero days: `days(day)`. */
export const DAYS = `days as (select d::date as day from generate_series(:from::date, :to::date, interval '1 day') d)`;

export const periodBindings = (period: Period) => ({ from: period.from, to: period.to, tz: period.tz });

/** A share rounded to 4 decimals; 0 when there is nothing to share. */
export const ratio = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** A numeric column (Postgres answers text) as a number, null kept. */
export const numeric = (value: string | number | null): number | null => (value === null ? null : Number(value));
