import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type Variant = 'original' | 'preview';

/**
 * Signed addresses of the local store's content: an HMAC-SHA256 over the file, the variant and
 * the expiry, with a key derived from the internal credential (every instance derives the same
 * one; rotating the credential ends every link in flight, which live a few minutes anyway).
 */
export interface UrlSigner {
  sign(fileId: string, variant: Variant, expires: number): string;
  /** True when the signature is this service's and the link has not expired at `now` (epoch seconds). */
  verify(fileId: string, variant: Variant, expires: number, signature: string, now: number): boolean;
}

export function urlSigner(secret: string): UrlSigner {
  const key = Buffer.from(hkdfSync('sha256', secret, 'smartcourse-media', 'content links', 32));
  const sign = (fileId: string, variant: Variant, expires: number) => createHmac('sha256', key).update(`${fileId}\n${variant}\n${expires}`).digest('base64url');
  return {
    sign,
    verify(fileId, variant, expires, signature, now) {
      if (expires < now) return false;
      const expected = Buffer.from(sign(fileId, variant, expires));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
