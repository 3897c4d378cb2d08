/**
 * The key that signs the certificates' VC-JWTs, and the JWK Set that lets anyone verify them.
 *
 * The key is RSA (RS256) when this service makes it: Open Badges 3.0 §8.2.2 makes RS256 the one
 * algorithm every VC-JWT verifier must support ("MUST be RS256 as a minimum … other algorithms
 * limit interoperability"), and 1EdTech's conformance suite certifies JWT issuers on RS256 only.
 * A configured key may also be ES256 (P-256) or EdDSA (Ed25519); jose signs and verifies all three.
 *
 * Without a configured key one is generated once and kept in `signing-key.jwk.json` under the key
 * directory (mode 0600). Two processes starting together both generate, but each writes its own
 * temporary file and hard-links it to the final name, which fails when the name exists: exactly
 * one key wins, and the loser reads it back. A reader never sees a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';

export const signingAlgorithms = ['RS256', 'ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

export interface SigningKey {
  /** Goes into every JWS header; a URI (`<jwksUrl>#<thumbprint>` for a generated key), per OB 3.0 §8.2.2. */
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface SigningKeys {
  readonly current: SigningKey;
  /** Public JWKs still accepted: the current key first, then the previous ones. */
  readonly published: readonly JWK[];
}

export interface SigningKeyOptions {
  /** A private JWK as JSON, with `kid`; when absent a key is generated and kept in `keyDirectory`. */
  readonly privateJwk?: string | undefined;
  /** Earlier public keys that still verify credentials signed before a rotation: JSON of a JWK array or a JWK Set. */
  readonly previousPublicJwks?: string | undefined;
  readonly keyDirectory: string;
  /** The public URL of the JWK Set (`<baseUrl>/.well-known/jwks.json`); a generated key's `kid` starts with it. */
  readonly jwksUrl: string;
}

const keyFileName = 'signing-key.jwk.json';
const minimumRsaModulusBits = 2048;

/** The members of a public JWK, per key type (RFC 7518 §6); anything else, `d` first, stays private. */
const publicMembers: Record<string, readonly string[]> = {
  RSA: ['kty', 'n', 'e'],
  EC: ['kty', 'crv', 'x', 'y'],
  OKP: ['kty', 'crv', 'x'],
};

export async function loadSigningKeys(options: SigningKeyOptions): Promise<SigningKeys> {
  const privateJwk = options.privateJwk
    ? parseJwk(options.privateJwk, 'the configured signing key')
    : await storedOrGeneratedJwk(options.keyDirectory, options.jwksUrl);
  const current = await signingKeyOf(privateJwk);
  const previous = previousPublicJwksOf(options.previousPublicJwks);
  const published = [current.publicJwk, ...previous];
  const kids = published.map((jwk) => jwk.kid);
  const repeated = kids.find((kid, index) => kids.indexOf(kid) !== index);
  if (repeated) throw new Error(`two published signing keys have the kid ${repeated}; each key needs its own`);
  return { current, published };
}

/** The JWK Set for `GET /.well-known/jwks.json`: public members only, never `d`. */
export function publicJwks(keys: SigningKeys): JSONWebKeySet {
  return { keys: keys.published.map((jwk) => ({ ...jwk })) };
}

async function signingKeyOf(jwk: JWK): Promise<SigningKey> {
  if (typeof jwk.d !== 'string') throw new Error('the signing key must be a private JWK (it has no "d")');
  const kid = requiredKid(jwk, 'the signing key');
  const alg = algorithmOf(jwk);
  const privateKey = await importJWK(jwk, alg);
  if (privateKey instanceof Uint8Array) throw new Error('the signing key must be asymmetric');
  return { kid, alg, privateKey, publicJwk: publicJwkOf(jwk, kid, alg) };
}

function previousPublicJwksOf(json: string | undefined): JWK[] {
  if (!json) return [];
  const parsed: unknown = parseJson(json, 'the previous public signing keys');
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.keys) ? parsed.keys : null;
  if (!list) throw new Error('the previous public signing keys must be a JSON array of JWKs or a JWK Set');
  return list.map((entry, index) => {
    const what = `previous public signing key #${index + 1}`;
    if (!isRecord(entry)) throw new Error(`${what} is not a JWK object`);
    const jwk = entry as JWK;
    // A private member here would be published to the world: refuse to start rather than leak it.
    if ('d' in jwk) throw new Error(`${what} contains a private part ("d"); give its public JWK only`);
    const kid = requiredKid(jwk, what);
    return publicJwkOf(jwk, kid, algorithmOf(jwk));
  });
}

function publicJwkOf(jwk: JWK, kid: string, alg: SigningAlgorithm): JWK {
  const members = publicMembers[jwk.kty ?? ''] ?? [];
  const picked = Object.fromEntries(members.filter((name) => name in jwk).map((name) => [name, (jwk as Record<string, unknown>)[name]]));
  return { ...picked, kid, alg, use: 'sig' };
}

function algorithmOf(jwk: JWK): SigningAlgorithm {
  const alg = jwk.kty === 'RSA' ? 'RS256' : jwk.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'EdDSA' : null;
  if (!alg) throw new Error(`unsupported signing key (kty ${jwk.kty}, crv ${jwk.crv}): use RSA (RS256), EC P-256 (ES256) or Ed25519 (EdDSA)`);
  if (jwk.alg !== undefined && jwk.alg !== alg) throw new Error(`signing key ${jwk.kid}: alg ${jwk.alg} is not supported for kty ${jwk.kty}; use ${alg}`);
  if (alg === 'RS256' && Buffer.from(jwk.n ?? '', 'base64url').length * 8 < minimumRsaModulusBits) {
    throw new Error(`signing key ${jwk.kid}: an RSA key needs at least ${minimumRsaModulusBits} bits`);
  }
  return alg;
}

function requiredKid(jwk: JWK, what: string): string {
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error(`${what} has no "kid"`);
  return jwk.kid;
}

async function storedOrGeneratedJwk(directory: string, jwksUrl: string): Promise<JWK> {
  const path = join(directory, keyFileName);
  const stored = await readKeyFile(path);
  if (stored) return stored;
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const temporary = join(directory, `.${keyFileName}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(JSON.stringify(await generatedPrivateJwk(jwksUrl)));
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temporary, path);
  } catch (error) {
    // Another process linked its key first: that one is the key, ours is dropped.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
  const linked = await readKeyFile(path);
  if (!linked) throw new Error(`the signing key file ${path} disappeared while it was being created`);
  return linked;
}

async function generatedPrivateJwk(jwksUrl: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: minimumRsaModulusBits, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `${jwksUrl}#${await calculateJwkThumbprint(jwk)}`, alg: 'RS256', use: 'sig' };
}

async function readKeyFile(path: string): Promise<JWK | null> {
  try {
    return parseJwk(await readFile(path, 'utf8'), `the signing key file ${path}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseJwk(json: string, what: string): JWK {
  const parsed: unknown = parseJson(json, what);
  if (!isRecord(parsed) || typeof parsed.kty !== 'string') throw new Error(`${what} is not a JWK (no "kty")`);
  return parsed as JWK;
}

function parseJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    // The text may be a private key: name what failed, never echo it.
    throw new Error(`${what} is not valid JSON`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
