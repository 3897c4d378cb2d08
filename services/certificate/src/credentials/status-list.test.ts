import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadSigningKeys, publicJwks } from './keys.js';
import { createCredentialSigner, verifyCredential } from './signing.js';
import { decodedStatusList, encodedStatusList, isRevoked, minimumStatusListBits, revocationStatusEntry, statusListCredential } from './status-list.js';

const baseUrl = 'https://smartcourse.test/';
const issuer = { id: 'https://smartcourse.test', name: 'SmartCourse' };

const setBitsOf = (bitstring: Uint8Array) => {
  const set: number[] = [];
  bitstring.forEach((byte, at) => {
    for (let bit = 0; bit < 8; bit += 1) if (byte & (0x80 >> bit)) set.push(at * 8 + bit);
  });
  return set;
};

describe('the revocation status list', () => {
  it('marks exactly the revoked indexes, bit 0 being the left-most bit of the first byte', () => {
    const revoked = [0, 7, 8, 123, 4_096, minimumStatusListBits - 1];

    const encoded = encodedStatusList(revoked);

    expect(setBitsOf(decodedStatusList(encoded))).toEqual(revoked);
    expect(decodedStatusList(encodedStatusList([0]))[0]).toBe(0b1000_0000);
    expect(revoked.every((index) => isRevoked(encoded, index))).toBe(true);
    expect([1, 6, 9, 122, 124, 4_095, minimumStatusListBits - 2].some((index) => isRevoked(encoded, index))).toBe(false);
  });

  it('is GZIP, then base64url without padding, with the multibase prefix u, and at least 131,072 bits', () => {
    const encoded = encodedStatusList([5]);

    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const bitstring = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bitstring.length * 8).toBe(minimumStatusListBits);
    expect(setBitsOf(bitstring)).toEqual([5]);
    expect(setBitsOf(decodedStatusList(encodedStatusList([])))).toEqual([]);
  });

  it('grows by the minimum size when an index goes past the end', () => {
    const encoded = encodedStatusList([3, minimumStatusListBits, 2 * minimumStatusListBits + 1]);

    expect(decodedStatusList(encoded).length * 8).toBe(3 * minimumStatusListBits);
    expect(isRevoked(encoded, minimumStatusListBits)).toBe(true);
    expect(isRevoked(encoded, 2 * minimumStatusListBits + 1)).toBe(true);
    expect(decodedStatusList(encodedStatusList([minimumStatusListBits - 1])).length * 8).toBe(minimumStatusListBits);
  });

  it('refuses lists a verifier must not trust and indexes outside the list', () => {
    const short = `u${gzipSync(new Uint8Array(1024)).toString('base64url')}`;

    expect(() => isRevoked(short, 3)).toThrow('fewer than the 131072');
    expect(() => isRevoked(encodedStatusList([]).slice(1), 3)).toThrow('must start with "u"');
    expect(() => isRevoked(encodedStatusList([]), minimumStatusListBits)).toThrow(RangeError);
    expect(() => encodedStatusList([-1])).toThrow(RangeError);
    expect(() => encodedStatusList([1.5])).toThrow(RangeError);
  });

  it("gives each credential the entry of its certificate's sequence number", () => {
    expect(revocationStatusEntry(123, baseUrl)).toEqual({
      id: 'https://smartcourse.test/api/certificates/status-list#123',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '123',
      statusListCredential: 'https://smartcourse.test/api/certificates/status-list',
    });
  });

  it('is a BitstringStatusListCredential that signs and verifies as a VC-JWT', async () => {
    const keys = await loadSigningKeys({
      keyDirectory: join(await mkdtemp(join(tmpdir(), 'sc-status-')), 'keys'),
      jwksUrl: `${issuer.id}/.well-known/jwks.json`,
    });

    const credential = statusListCredential([2, 123], issuer, baseUrl, new Date('2026-12-01T09:00:00.250Z'));
    const verified = await verifyCredential(await createCredentialSigner(keys.current).sign(credential), publicJwks(keys));

    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://smartcourse.test/api/certificates/status-list',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer,
      validFrom: '2026-12-01T09:00:00Z',
      credentialSubject: {
        id: 'https://smartcourse.test/api/certificates/status-list#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: expect.stringMatching(/^u/),
      },
    });
    expect(verified.credential).toEqual(credential);
    expect(setBitsOf(decodedStatusList(credential.credentialSubject.encodedList))).toEqual([2, 123]);
  });
});
