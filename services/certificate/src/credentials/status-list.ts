/**
 * Revocation a holder's verifier checks without asking us who the holder is: a W3C Bitstring
 * Status List (https://www.w3.org/TR/vc-bitstring-status-list/). Every credential carries a
 * `BitstringStatusListEntry` pointing at bit number <its certificate's sequence number> of one
 * list; the list is a credential of its own, fetched from `<baseUrl>/api/certificates/status-list`,
 * whose bit is 1 when the certificate is revoked. Everyone fetches the same list, so the fetch
 * tells us nothing about which certificate is being checked.
 *
 * Encoding per the spec: bit 0 is the left-most bit of the first byte; the bitstring is GZIP
 * compressed, base64url encoded without padding and given the multibase prefix `u`. The list has
 * at least 131,072 bits (16 KiB, the spec's minimum, for herd privacy) and grows in steps of that
 * size when a sequence number goes past its end.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IssuerProfile } from './issuer.js';
import { credentialDateTime } from './signing.js';

export const minimumStatusListBits = 131_072;

/** A decoded list larger than this is refused, so a hostile list cannot inflate without bound. */
const maximumDecodedBytes = 16 * 1024 * 1024;
const multibaseBase64url = 'u';

export interface BitstringStatusListEntry {
  readonly id: string;
  readonly type: 'BitstringStatusListEntry';
  readonly statusPurpose: 'revocation';
  /** The bit's position as a base-10 string, as the spec's data model requires. */
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

export interface BitstringStatusListCredential {
  readonly '@context': readonly string[];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', 'BitstringStatusListCredential'];
  readonly issuer: { readonly id: string; readonly name: string };
  readonly validFrom: string;
  readonly credentialSubject: {
    readonly id: string;
    readonly type: 'BitstringStatusList';
    readonly statusPurpose: 'revocation';
    readonly encodedList: string;
  };
}

export function statusListUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/certificates/status-list`;
}

/** The `credentialStatus` of the credential of the certificate with this sequence number. */
export function revocationStatusEntry(sequenceNumber: number, baseUrl: string): BitstringStatusListEntry {
  const index = checkedIndex(sequenceNumber);
  const list = statusListUrl(baseUrl);
  return { id: `${list}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: list };
}

/**
 * The status list credential, ready to be signed: the revoked certificates' sequence numbers set.
 * `validFrom` is when the list was made.
 */
export function statusListCredential(
  revokedIndexes: readonly number[],
  issuer: IssuerProfile,
  baseUrl: string,
  validFrom: Date,
): BitstringStatusListCredential {
  const id = statusListUrl(baseUrl);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: issuer.id, name: issuer.name },
    validFrom: credentialDateTime(validFrom),
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodedStatusList(revokedIndexes) },
  };
}

/** The `encodedList` with exactly these bits set. */
export function encodedStatusList(setIndexes: readonly number[]): string {
  const indexes = setIndexes.map(checkedIndex);
  const highest = indexes.reduce((max, index) => Math.max(max, index), -1);
  const bits = Math.max(minimumStatusListBits, Math.ceil((highest + 1) / minimumStatusListBits) * minimumStatusListBits);
  const bitstring = new Uint8Array(bits / 8);
  for (const index of indexes) bitstring[index >> 3]! |= 0x80 >> (index & 7);
  return multibaseBase64url + gzipSync(bitstring).toString('base64url');
}

/** Whether the bit at `index` is set (the certificate is revoked), per the spec's validation algorithm. */
export function isRevoked(encodedList: string, index: number): boolean {
  const bitstring = decodedStatusList(encodedList);
  const position = checkedIndex(index);
  if (position >= bitstring.length * 8) throw new RangeError(`status list index ${position} is beyond the list's ${bitstring.length * 8} bits`);
  return (bitstring[position >> 3]! & (0x80 >> (position & 7))) !== 0;
}

/** The raw bitstring of an `encodedList`. */
export function decodedStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith(multibaseBase64url)) throw new Error('the encodedList is not multibase base64url (it must start with "u")');
  const bitstring = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'), { maxOutputLength: maximumDecodedBytes });
  if (bitstring.length * 8 < minimumStatusListBits)
    throw new Error(`the status list has ${bitstring.length * 8} bits, fewer than the ${minimumStatusListBits} the spec requires`);
  return new Uint8Array(bitstring);
}

function checkedIndex(index: number): number {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`a status list index must be a non-negative integer, not ${index}`);
  return index;
}
