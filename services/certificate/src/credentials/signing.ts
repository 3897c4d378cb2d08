/**
 * VC-JWT, as Open Badges 3.0 §8.2 "JSON Web Token Proof Format" defines it: the JWT payload is
 * the credential itself (VC Data Model 2.0, no `vc` wrapper) plus the registered claims
 * `iss` = issuer.id, `jti` = id, `sub` = credentialSubject.id, `nbf` = validFrom and, when the
 * credential has `validUntil`, `exp` = validUntil. The JOSE header is `alg`, `kid` (a URI that
 * dereferences to the public JWK in our JWK Set) and `typ: "JWT"`, and nothing else (the spec
 * forbids other headers). No `iat`: the spec ties no credential property to it.
 */
import { createLocalJWKSet, errors, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { signingAlgorithms, type SigningKey } from './keys.js';

/** The verifier's clock may be a little behind ours: a status list signed a second ago is valid. */
const clockToleranceSeconds = 60;

/** What a VC-JWT needs from a credential; an Open Badge and a status list credential are both this. */
export interface SignableCredential {
  readonly id: string;
  readonly issuer: string | { readonly id: string };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: { readonly id: string };
}

export interface CredentialSigner {
  /** The credential as a compact JWS (header.payload.signature). */
  sign(credential: SignableCredential): Promise<string>;
}

export interface VerifiedCredential {
  /** The JWT payload without its registered claims: the credential as issued. */
  readonly credential: Record<string, unknown>;
  /** The key that signed it. */
  readonly kid: string | undefined;
}

export function createCredentialSigner(key: SigningKey): CredentialSigner {
  return {
    async sign(credential) {
      const token = new SignJWT({ ...credential })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(issuerIdOf(credential))
        .setJti(credential.id)
        .setSubject(credential.credentialSubject.id)
        .setNotBefore(numericDate(credential.validFrom, 'validFrom'));
      if (credential.validUntil !== undefined) token.setExpirationTime(numericDate(credential.validUntil, 'validUntil'));
      return token.sign(key.privateKey);
    },
  };
}

/**
 * Verifies a VC-JWT against a JWK Set (ours: `GET /.well-known/jwks.json`) and the claim checks
 * of OB 3.0 §8.2.4.1: signature, `nbf`/`exp` against the clock, and each claim equal to the
 * credential property it mirrors. Throws jose's errors (`JWSSignatureVerificationFailed`,
 * `JWTClaimValidationFailed`, `JWKSNoMatchingKey`, …) when the credential is not valid.
 */
export async function verifyCredential(jwt: string, jwks: JSONWebKeySet): Promise<VerifiedCredential> {
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    algorithms: [...signingAlgorithms],
    clockTolerance: clockToleranceSeconds,
  });
  const { iss, jti, sub, nbf, exp, ...credential } = payload;
  const subject = credential.credentialSubject;
  const mustMatch = (claim: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) throw new errors.JWTClaimValidationFailed(`the "${claim}" claim does not match the credential`, payload, claim, 'mismatch');
  };
  mustMatch('iss', iss, typeof credential.issuer === 'string' ? credential.issuer : isRecord(credential.issuer) ? credential.issuer.id : undefined);
  mustMatch('jti', jti, credential.id);
  mustMatch('sub', sub, isRecord(subject) ? subject.id : undefined);
  mustMatch('nbf', nbf, typeof credential.validFrom === 'string' ? numericDateOrNaN(credential.validFrom) : undefined);
  // An `exp` without `validUntil` stands for it (§8.2.4.1), and jwtVerify has already enforced it.
  if (credential.validUntil !== undefined)
    mustMatch('exp', exp, typeof credential.validUntil === 'string' ? numericDateOrNaN(credential.validUntil) : undefined);
  return { credential, kid: protectedHeader.kid };
}

/**
 * A credential's date-time (validFrom, validUntil) as ISO 8601 in whole seconds: `nbf` and `exp`
 * are whole seconds, and the spec requires them to equal these properties exactly.
 */
export function credentialDateTime(instant: Date | string): string {
  const milliseconds = new Date(instant).getTime();
  if (Number.isNaN(milliseconds)) throw new RangeError(`not a date-time: ${String(instant)}`);
  return new Date(Math.floor(milliseconds / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function issuerIdOf(credential: SignableCredential): string {
  return typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
}

function numericDate(dateTime: string, property: string): number {
  const seconds = numericDateOrNaN(dateTime);
  if (!Number.isInteger(seconds)) throw new RangeError(`${property} must be a date-time in whole seconds (see credentialDateTime), not ${dateTime}`);
  return seconds;
}

function numericDateOrNaN(dateTime: string): number {
  return Date.parse(dateTime) / 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
