import { describe, expect, it } from '@jest/globals';
import { MAIL_LIMITS, mailWaitMs, verificationLink } from './rules.js';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('mail throttle', () => {
  it('lets the first mail go', () => {
    expect(mailWaitMs([], now, MAIL_LIMITS)).toBe(0);
  });

  it('holds the next mail until a minute after the last', () => {
    expect(mailWaitMs([ago(20_000)], now, MAIL_LIMITS)).toBe(40_000);
    expect(mailWaitMs([ago(MINUTE)], now, MAIL_LIMITS)).toBe(0);
  });

  it('allows five a day, then waits until the oldest of them is a day old', () => {
    const four = [ago(10 * HOUR), ago(8 * HOUR), ago(6 * HOUR), ago(4 * HOUR)];
    expect(mailWaitMs(four, now, MAIL_LIMITS)).toBe(0);
    expect(mailWaitMs([...four, ago(2 * HOUR)], now, MAIL_LIMITS)).toBe(14 * HOUR);
  });

  it('forgets mails older than a day', () => {
    const old = [ago(30 * HOUR), ago(29 * HOUR), ago(28 * HOUR), ago(27 * HOUR), ago(26 * HOUR)];
    expect(mailWaitMs(old, now, MAIL_LIMITS)).toBe(0);
  });
});

describe('verification link', () => {
  it('points at the frontend’s verification page', () => {
    expect(verificationLink('http://127.0.0.1:3000', 'tok')).toBe('http://127.0.0.1:3000/verify-email?token=tok');
  });
});
