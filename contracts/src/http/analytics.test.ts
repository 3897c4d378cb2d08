import { describe, expect, it } from '@jest/globals';
import { reportQuery, TimeZone } from './analytics.js';

// 23:30 UTC on 10 March 2026: already 11 March in Tokyo, still 10 March in New York.
const query = reportQuery(() => new Date('2026-03-10T23:30:00Z'));
const issues = (input: object) => query.safeParse(input).error?.issues.map((issue) => ({ path: issue.path, message: issue.message }));

describe('the range of a report', () => {
  it('defaults to the last 30 days, today included, today being the day in the zone asked', () => {
    expect(query.parse({})).toEqual({ from: '2026-02-09', to: '2026-03-10', tz: 'UTC' });
    expect(query.parse({ tz: 'Asia/Tokyo' })).toEqual({ from: '2026-02-10', to: '2026-03-11', tz: 'Asia/Tokyo' });
    expect(query.parse({ tz: 'America/New_York' })).toEqual({ from: '2026-02-09', to: '2026-03-10', tz: 'America/New_York' });
  });

  it('takes 30 days before a `to` alone and 30 days from a `from` alone', () => {
    expect(query.parse({ to: '2026-01-31' })).toEqual({ from: '2026-01-02', to: '2026-01-31', tz: 'UTC' });
    expect(query.parse({ from: '2026-02-15' })).toEqual({ from: '2026-02-15', to: '2026-03-16', tz: 'UTC' });
  });

  it('keeps a range given in full, one day included, and a format asked for', () => {
    expect(query.parse({ from: '2026-03-01', to: '2026-03-01', format: 'csv' })).toEqual({ from: '2026-03-01', to: '2026-03-01', tz: 'UTC', format: 'csv' });
  });

  it('parses its own output back to the same range (the gateway passes what it parsed on)', () => {
    const parsed = query.parse({ tz: 'Europe/Paris' });
    expect(query.parse(parsed)).toEqual(parsed);
  });

  it('refuses `to` before `from`, naming `to`', () => {
    expect(issues({ from: '2026-03-02', to: '2026-03-01' })).toEqual([{ path: ['to'], message: '`to` is before `from`.' }]);
  });

  it('accepts 366 days and refuses 367', () => {
    expect(query.parse({ from: '2024-01-01', to: '2024-12-31' })).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(issues({ from: '2024-01-01', to: '2025-01-01' })).toEqual([{ path: ['to'], message: 'A report covers at most 366 days.' }]);
  });

  it('refuses a day that is not a calendar day, and unknown fields', () => {
    expect(issues({ from: '2026-02-30' })?.[0]?.path).toEqual(['from']);
    expect(issues({ to: '10/03/2026' })?.[0]?.path).toEqual(['to']);
    expect(query.safeParse({ since: '2026-01-01' }).success).toBe(false);
  });
});

describe('the time zone of a report', () => {
  it('accepts IANA names', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) expect(TimeZone.parse(zone)).toBe(zone);
  });

  it('refuses unknown names and offsets, which Postgres would read with the opposite sign', () => {
    for (const zone of ['Mars/Olympus', '+05:30', 'UTC+2', '', 'Europe/../Paris']) expect(TimeZone.safeParse(zone).success).toBe(false);
  });
});
