import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { NotificationCategory } from '@smartcourse/contracts';
import { AppError } from '@smartcourse/platform';

/**
 * The token of an unsubscribe link: `<payload>.<mac>`, both base64url, where the payload is
 * `{"u": userId, "c": category, "x": expiry in epoch seconds}` and the MAC is HMAC-SHA256 of a
 * purpose label and the payload under the service's unsubscribe secret.
 *
 * Not a JWT: only this service signs and reads it, so a JWT header would add length to every
 * List-Unsubscribe line and an algorithm field to police, and buy nothing. The purpose label
 * keeps a MAC made with the same secret for anything else from ever verifying here.
 */

export const DEFAULT_UNSUBSCRIBE_TTL_SECONDS = 60 * 24 * 60 * 60;

const PURPOSE = 'smartcourse/unsubscribe/v1';

export type UnsubscribeCategory = Exclude<NotificationCategory, 'account'>;

export interface UnsubscribeClaim {
  userId: string;
  category: UnsubscribeCategory;
  expiresAt: Date;
}

const Payload = z.strictObject({
  u: z.string().min(1).max(128),
  c: NotificationCategory.exclude(['account']),
  x: z.number().int().positive(),
});

const macOf = (secret: string, payload: string) => createHmac('sha256', secret).update(`${PURPOSE}.${payload}`).digest();

const invalidToken = (message: string) => new AppError({ code: 'UNSUBSCRIBE_TOKEN_INVALID', message });

export function signUnsubscribeToken(
  secret: string,
  subject: { userId: string; category: UnsubscribeCategory },
  options: { now?: Date; ttlSeconds?: number } = {},
): string {
  const now = options.now ?? new Date();
  const expiry = Math.floor(now.getTime() / 1000) + (options.ttlSeconds ?? DEFAULT_UNSUBSCRIBE_TTL_SECONDS);
  const payload = Buffer.from(JSON.stringify({ u: subject.userId, c: subject.category, x: expiry })).toString('base64url');
  return `${payload}.${macOf(secret, payload).toString('base64url')}`;
}

/** The person and category a token names; 400 UNSUBSCRIBE_TOKEN_INVALID when it is forged, altered or expired. */
export function verifyUnsubscribeToken(secret: string, token: string, now = new Date()): UnsubscribeClaim {
  const [payload, mac, ...rest] = token.split('.');
  if (!payload || !mac || rest.length > 0) throw invalidToken('This unsubscribe link is not valid.');
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken('This unsubscribe link is not valid.');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('This unsubscribe link is not valid.');
  }
  // Signed by us, so well formed unless the format changed; checked all the same.
  const claim = Payload.safeParse(decoded);
  if (!claim.success) throw invalidToken('This unsubscribe link is not valid.');
  const expiresAt = new Date(claim.data.x * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw invalidToken('This unsubscribe link has expired; switch the mail off in your notification preferences.');
  return { userId: claim.data.u, category: claim.data.c, expiresAt };
}
