import { roles, type OverviewReport } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { ReportRow } from './csv.js';
import { moneyRows, moneySums } from './money.js';
import { BOUNDS, DAYS, periodBindings, type Period } from './period.js';

type Db = Knex | Knex.Transaction;

interface DayLine {
  date: string;
  sign_ups: string;
  enrollments: string;
  completions: string;
  certificates: string;
}

/** Counts of one timestamp column per day of the period in the caller's zone. */
const perDay = (name: string, table: string, column: string) =>
  `${name} as (select (t.${column} at time zone :tz)::date as day, count(*) as n from ${table} t cross join bounds b
     where t.${column} >= b.start and t.${column} < b.stop group by 1)`;

/**
 * The admin's overview: accounts by role now (erased ones excluded), people active in the last 7
 * and 30 days, and per day of the period sign-ups, enrollments, completions, certificates issued
 * and revenue per currency, with the period's totals (and its refunds).
 */
export async function overviewReport(db: Db, period: Period): Promise<OverviewReport> {
  const bindings = periodBindings(period);
  const [byRole, active, days, revenue, refunds] = await Promise.all([
    db.raw(`select role, count(*) as users from users where erased_at is null and role is not null group by role`) as Promise<{
      rows: { role: string; users: string }[];
    }>,
    db.raw(
      `select count(distinct user_id) filter (where occurred_at >= now() - interval '7 days') as last_7, count(distinct user_id) as last_30
       from activity where occurred_at >= now() - interval '30 days'`,
    ) as Promise<{ rows: { last_7: string; last_30: string }[] }>,
    db.raw(
      `with ${BOUNDS}, ${DAYS},
       ${perDay('sign_ups', 'users', 'registered_at')},
       ${perDay('enrolled', 'enrollments', 'enrolled_at')},
       ${perDay('completed', 'enrollments', 'completed_at')},
       ${perDay('issued', 'certificates', 'issued_at')}
       select to_char(days.day, 'YYYY-MM-DD') as date, coalesce(s.n, 0) as sign_ups, coalesce(e.n, 0) as enrollments,
         coalesce(c.n, 0) as completions, coalesce(i.n, 0) as certificates
       from days left join sign_ups s on s.day = days.day left join enrolled e on e.day = days.day
         left join completed c on c.day = days.day left join issued i on i.day = days.day
       order by days.day`,
      bindings,
    ) as Promise<{ rows: DayLine[] }>,
    moneyPerDay(db, 'orders', 'paid_at', bindings),
    moneyPerDay(db, 'refunds', 'refunded_at', bindings),
  ]);
  const perDayLines = days.rows.map((line) => ({
    date: line.date,
    signUps: Number(line.sign_ups),
    enrollments: Number(line.enrollments),
    completions: Number(line.completions),
    certificates: Number(line.certificates),
    revenue: moneySums(revenue.filter((row) => row.date === line.date)),
  }));
  const count = (key: 'signUps' | 'enrollments' | 'completions' | 'certificates') => perDayLines.reduce((sum, day) => sum + day[key], 0);
  return {
    range: bindings,
    usersByRole: roles.map((role) => ({ role, users: Number(byRole.rows.find((row) => row.role === role)?.users ?? 0) })),
    activeUsers: { last7Days: Number(active.rows[0]?.last_7 ?? 0), last30Days: Number(active.rows[0]?.last_30 ?? 0) },
    totals: {
      signUps: count('signUps'),
      enrollments: count('enrollments'),
      completions: count('completions'),
      certificates: count('certificates'),
      revenue: moneySums(totalPerCurrency(revenue)),
      refunds: moneySums(totalPerCurrency(refunds)),
    },
    perDay: perDayLines,
  };
}

/** Sums of one money table per day (in the caller's zone) and currency. */
async function moneyPerDay(db: Db, table: 'orders' | 'refunds', at: 'paid_at' | 'refunded_at', bindings: Record<string, string>) {
  const { rows } = (await db.raw(
    `with ${BOUNDS}
     select to_char((t.${at} at time zone :tz)::date, 'YYYY-MM-DD') as date, t.currency, sum(t.amount_cents) as cents
     from ${table} t cross join bounds b where t.${at} >= b.start and t.${at} < b.stop
     group by 1, 2 order by 1, 2`,
    bindings,
  )) as { rows: { date: string; currency: string; cents: string }[] };
  return rows;
}

/** Per-day sums added up per currency, in bigint-safe integers (minor units). */
function totalPerCurrency(rows: readonly { currency: string; cents: string }[]): { currency: string; cents: number }[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.currency, (totals.get(row.currency) ?? 0) + Number(row.cents));
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, cents]) => ({ currency, cents }));
}

/** The overview as CSV rows: `users_by_role`, `active_users`, `totals`, and `per_day` (a row per day and metric). */
export function overviewRows(report: OverviewReport): ReportRow[] {
  const { totals } = report;
  return [
    ...report.usersByRole.map((line) => ({ section: 'users_by_role', subject: line.role, metric: 'users', value: line.users })),
    { section: 'active_users', metric: 'last_7_days', value: report.activeUsers.last7Days },
    { section: 'active_users', metric: 'last_30_days', value: report.activeUsers.last30Days },
    { section: 'totals', metric: 'sign_ups', value: totals.signUps },
    { section: 'totals', metric: 'enrollments', value: totals.enrollments },
    { section: 'totals', metric: 'completions', value: totals.completions },
    { section: 'totals', metric: 'certificates', value: totals.certificates },
    ...moneyRows({ section: 'totals' }, 'revenue', totals.revenue),
    ...moneyRows({ section: 'totals' }, 'refunds', totals.refunds),
    ...report.perDay.flatMap((day) => [
      { section: 'per_day', date: day.date, metric: 'sign_ups', value: day.signUps },
      { section: 'per_day', date: day.date, metric: 'enrollments', value: day.enrollments },
      { section: 'per_day', date: day.date, metric: 'completions', value: day.completions },
      { section: 'per_day', date: day.date, metric: 'certificates', value: day.certificates },
      ...moneyRows({ section: 'per_day', date: day.date }, 'revenue', day.revenue),
    ]),
  ];
}
