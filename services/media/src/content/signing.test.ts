import { describe, expect, it } from '@jest/globals';
import { urlSigner } from './signing.js';

const fileId = '6f1c1f0e-5a3b-4c1d-9e8f-0a1b2c3d4e5f';

describe('content link signatures', () => {
  const signer = urlSigner('a-secret-of-the-platform-that-is-long-enough');

  it('verifies its own signature until the expiry', () => {
    const signature = signer.sign(fileId, 'original', 1000);
    expect(signer.verify(fileId, 'original', 1000, signature, 999)).toBe(true);
    expect(signer.verify(fileId, 'original', 1000, signature, 1000)).toBe(true);
    expect(signer.verify(fileId, 'original', 1000, signature, 1001)).toBe(false);
  });

  it('refuses a signature moved to another file, variant or expiry, or made with another secret', () => {
    const signature = signer.sign(fileId, 'original', 1000);
    expect(signer.verify('00000000-5a3b-4c1d-9e8f-0a1b2c3d4e5f', 'original', 1000, signature, 0)).toBe(false);
    expect(signer.verify(fileId, 'preview', 1000, signature, 0)).toBe(false);
    expect(signer.verify(fileId, 'original', 2000, signature, 0)).toBe(false);
    expect(urlSigner('another-secret-of-the-platform-long-enough').verify(fileId, 'original', 1000, signature, 0)).toBe(false);
    expect(signer.verify(fileId, 'original', 1000, signature.slice(1), 0)).toBe(false);
  });
});
