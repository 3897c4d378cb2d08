import type { Revenue } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';

interface Line {
  course_id: string;
  course_title: string;
  currency: string;
  sales: string;
  gross_cents: string;
  refunds: string;
  refunded_cents: string;
}

/**
 * An instructor's sales, refunds and net per course and currency over a period of UTC days: a
 * sale counts on the day it was paid, a refund on the day it was made (so a sale and its refund
 * may fall in different periods). Sums are taken by Postgres over bigint minor units, and the
 * totals are the sums of the lines: never a float.
 */
export async function revenueOf(db: Knex, instructorId: string, period: { from?: string | undefined; to?: string | undefined }): Promise<Revenue> {
  const from = period.from ? `${period.from}T00:00:00Z` : null;
  // `to` is inclusive: up to the start of the next day.
  const to = period.to ? new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000).toISOString() : null;
  const { rows } = (await db.raw(
    `with sales as (
       select o.course_id, o.currency, count(*) as sales, sum(o.amount_cents) as gross_cents
       from orders o
       where o.instructor_id = :instructor and o.paid_at is not null
         and (:from::timestamptz is null or o.paid_at >= :from::timestamptz) and (:to::timestamptz is null or o.paid_at < :to::timestamptz)
       group by o.course_id, o.currency),
     refunded as (
       select o.course_id, o.currency, count(*) as refunds, sum(r.amount_cents) as refunded_cents
       from refunds r join orders o on o.id = r.order_id
       where o.instructor_id = :instructor and r.status = 'succeeded'
         and (:from::timestamptz is null or r.completed_at >= :from::timestamptz) and (:to::timestamptz is null or r.completed_at < :to::timestamptz)
       group by o.course_id, o.currency)
     select coalesce(s.course_id, f.course_id) as course_id, coalesce(s.currency, f.currency) as currency,
       (select course_title from orders t where t.course_id = coalesce(s.course_id, f.course_id) order by placed_at desc limit 1) as course_title,
       coalesce(s.sales, 0) as sales, coalesce(s.gross_cents, 0) as gross_cents,
       coalesce(f.refunds, 0) as refunds, coalesce(f.refunded_cents, 0) as refunded_cents
     from sales s full join refunded f on f.course_id = s.course_id and f.currency = s.currency
     order by course_title, currency`,
    { instructor: instructorId, from, to },
  )) as { rows: Line[] };
  const courses = rows.map((line) => {
    const grossCents = Number(line.gross_cents);
    const refundedCents = Number(line.refunded_cents);
    return {
      courseId: line.course_id,
      courseTitle: line.course_title,
      currency: line.currency,
      sales: Number(line.sales),
      grossCents,
      refunds: Number(line.refunds),
      refundedCents,
      netCents: grossCents - refundedCents,
    };
  });
  const totals = new Map<string, { currency: string; grossCents: number; refundedCents: number; netCents: number }>();
  for (const line of courses) {
    const total = totals.get(line.currency) ?? { currency: line.currency, grossCents: 0, refundedCents: 0, netCents: 0 };
    total.grossCents += line.grossCents;
    total.refundedCents += line.refundedCents;
    total.netCents += line.netCents;
    totals.set(line.currency, total);
  }
  return { from: period.from ?? null, to: period.to ?? null, courses, totals: [...totals.values()] };
}
