import type { Email } from '@smartcourse/platform';

/** OWASP ASVS 5.0: a length range and a list of common passwords; no composition rules. */
export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** Lower-case entries. */
  common: ReadonlySet<string>;
}

export const MAX_PASSWORD_LENGTH = 128;

/** What is wrong with a new password for the account with this email; empty when it is fine. */
export function passwordProblems(policy: PasswordPolicy, password: string, email: string): string[] {
  const length = [...password].length; // code points, not UTF-16 units
  if (length < policy.minLength) return [`must be at least ${policy.minLength} characters`];
  if (length > policy.maxLength) return [`must be at most ${policy.maxLength} characters`];
  const lower = password.toLowerCase();
  const address = email.toLowerCase();
  if (lower === address || lower === address.slice(0, address.lastIndexOf('@'))) return ['must not be your email address'];
  if (policy.common.has(lower)) return ['is too common'];
  return [];
}

/** Parses the shipped list: one password per line; blank lines ignored. */
export function parsePasswordList(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
}

export const RESET_TOKEN_TTL_MS = 30 * 60_000;

/** The frontend's page for the token; base64url needs no escaping. */
export const resetLink = (publicAppUrl: string, token: string) => `${publicAppUrl.replace(/\/+$/, '')}/reset-password?token=${token}`;

export function resetEmail(to: string, link: string): Email {
  return {
    to,
    subject: 'Reset your SmartCourse password',
    text: [
      'Someone asked to reset the password of your SmartCourse account.',
      '',
      `To choose a new one, open this link within 30 minutes: ${link}`,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}
