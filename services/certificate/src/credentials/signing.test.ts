import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, decodeJwt, errors, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { loadSigningKeys, publicJwks, type SigningKeys } from './keys.js';
import { createCredentialSigner, credentialDateTime, verifyCredential, type SignableCredential } from './signing.js';

const jwksUrl = 'https://smartcourse.test/.well-known/jwks.json';

const keysWith = async (options: { privateJwk?: string; previousPublicJwks?: string } = {}): Promise<SigningKeys> =>
  loadSigningKeys({ ...options, keyDirectory: join(await mkdtemp(join(tmpdir(), 'sc-signing-')), 'keys'), jwksUrl });

const privateJwkJson = async (alg: 'RS256' | 'ES256' | 'EdDSA') => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return JSON.stringify({ ...(await exportJWK(privateKey)), kid: `${jwksUrl}#${randomUUID()}` });
};

const aCredential = (overrides: Partial<SignableCredential> = {}): SignableCredential & Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: `urn:uuid:${randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer: 'https://smartcourse.test',
  validFrom: '2026-11-30T10:15:42Z',
  credentialSubject: { id: `urn:uuid:${randomUUID()}` },
  ...overrides,
});

/** The JWT with one character of one segment replaced, so that segment decodes to different bytes. */
const withOneChangedByte = (jwt: string, segment: 1 | 2) => {
  const parts = jwt.split('.');
  const text = parts[segment]!;
  const at = Math.floor(text.length / 2);
  parts[segment] = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
  return parts.join('.');
};

describe('VC-JWT signing', () => {
  it('signs the credential as the JWT payload with the claims OB 3.0 §8.2 requires', async () => {
    const keys = await keysWith();
    const credential = aCredential({ validUntil: '2031-11-30T10:15:42Z' });

    const jwt = await createCredentialSigner(keys.current).sign(credential);

    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', kid: keys.current.kid, typ: 'JWT' });
    expect(decodeJwt(jwt)).toEqual({
      ...credential,
      iss: 'https://smartcourse.test',
      jti: credential.id,
      sub: credential.credentialSubject.id,
      nbf: Date.parse('2026-11-30T10:15:42Z') / 1000,
      exp: Date.parse('2031-11-30T10:15:42Z') / 1000,
    });
  });

  it('verifies with the published JWK Set and gives back the credential', async () => {
    const keys = await keysWith();
    const credential = aCredential();

    const verified = await verifyCredential(await createCredentialSigner(keys.current).sign(credential), publicJwks(keys));

    expect(verified).toEqual({ credential, kid: keys.current.kid });
  });

  it('fails after one changed byte in the payload or in the signature', async () => {
    const keys = await keysWith();
    const jwt = await createCredentialSigner(keys.current).sign(aCredential());

    await expect(verifyCredential(withOneChangedByte(jwt, 1), publicJwks(keys))).rejects.toThrow(errors.JWSSignatureVerificationFailed);
    await expect(verifyCredential(withOneChangedByte(jwt, 2), publicJwks(keys))).rejects.toThrow(errors.JWSSignatureVerificationFailed);
  });

  it('still verifies a credential signed by the previous key after a rotation', async () => {
    const previous = await keysWith({ privateJwk: await privateJwkJson('ES256') });
    const signedBefore = await createCredentialSigner(previous.current).sign(aCredential());

    const rotated = await keysWith({ privateJwk: await privateJwkJson('RS256'), previousPublicJwks: JSON.stringify(publicJwks(previous).keys) });
    const signedAfter = await createCredentialSigner(rotated.current).sign(aCredential());

    await expect(verifyCredential(signedBefore, publicJwks(rotated))).resolves.toMatchObject({ kid: previous.current.kid });
    await expect(verifyCredential(signedAfter, publicJwks(rotated))).resolves.toMatchObject({ kid: rotated.current.kid });
    await expect(verifyCredential(signedAfter, publicJwks(previous))).rejects.toThrow(errors.JWKSNoMatchingKey);
  });

  it('verifies EdDSA-signed credentials too', async () => {
    const keys = await keysWith({ privateJwk: await privateJwkJson('EdDSA') });

    const jwt = await createCredentialSigner(keys.current).sign(aCredential());

    expect(decodeProtectedHeader(jwt).alg).toBe('EdDSA');
    await expect(verifyCredential(jwt, publicJwks(keys))).resolves.toMatchObject({ kid: keys.current.kid });
  });

  it('refuses a JWT whose claims do not mirror the credential', async () => {
    const keys = await keysWith();
    const credential = aCredential();
    const forged = await new SignJWT({ ...credential })
      .setProtectedHeader({ alg: 'RS256', kid: keys.current.kid, typ: 'JWT' })
      .setIssuer('https://smartcourse.test')
      .setJti(credential.id)
      .setSubject(`urn:uuid:${randomUUID()}`)
      .setNotBefore(Date.parse(credential.validFrom) / 1000)
      .sign(keys.current.privateKey);

    await expect(verifyCredential(forged, publicJwks(keys))).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'sub' });
  });

  it('refuses a credential not yet valid', async () => {
    const keys = await keysWith();
    const jwt = await createCredentialSigner(keys.current).sign(aCredential({ validFrom: credentialDateTime(new Date(Date.now() + 3_600_000)) }));

    await expect(verifyCredential(jwt, publicJwks(keys))).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' });
  });

  it('writes credential date-times in whole seconds, so that nbf can equal validFrom', async () => {
    const keys = await keysWith();

    expect(credentialDateTime(new Date('2026-11-30T10:15:42.987Z'))).toBe('2026-11-30T10:15:42Z');
    expect(credentialDateTime('2026-11-30T10:15:42.000+01:00')).toBe('2026-11-30T09:15:42Z');
    await expect(createCredentialSigner(keys.current).sign(aCredential({ validFrom: '2026-11-30T10:15:42.5Z' }))).rejects.toThrow('whole seconds');
  });
});
