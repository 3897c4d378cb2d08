import type { Email } from '@smartcourse/platform';

export const DAY_MS = 24 * 3_600_000;

export const VERIFICATION_TOKEN_TTL_MS = DAY_MS;

/** How often an account may be mailed a link of one kind. */
export interface MailLimits {
  intervalMs: number;
  perDay: number;
}

export const MAIL_LIMITS: MailLimits = { intervalMs: 60_000, perDay: 5 };

/**
 * How long to wait before the next mail may go, given when the earlier ones went: 0 when it may
 * go now. Mails older than a day do not count.
 */
export function mailWaitMs(sentAt: readonly Date[], now: Date, limits: MailLimits): number {
  const recent = sentAt
    .map((date) => date.getTime())
    .filter((time) => time > now.getTime() - DAY_MS)
    .sort((a, b) => a - b);
  const last = recent.at(-1);
  const untilInterval = last === undefined ? 0 : last + limits.intervalMs - now.getTime();
  const blocking = recent[recent.length - limits.perDay];
  const untilDaily = recent.length >= limits.perDay && blocking !== undefined ? blocking + DAY_MS - now.getTime() : 0;
  return Math.max(0, untilInterval, untilDaily);
}

/** The frontend's page for the token; base64url needs no escaping. */
export const verificationLink = (publicAppUrl: string, token: string) => `${publicAppUrl.replace(/\/+$/, '')}/verify-email?token=${token}`;

export function verificationEmail(to: string, link: string): Email {
  return {
    to,
    subject: 'Confirm your SmartCourse email address',
    text: [
      'Please confirm that this is your email address by opening this link within 24 hours:',
      '',
      link,
      '',
      'If you did not create a SmartCourse account, ignore this email.',
    ].join('\n'),
  };
}
