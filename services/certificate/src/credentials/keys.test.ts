import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair } from 'jose';
import { loadSigningKeys, publicJwks } from './keys.js';

const jwksUrl = 'https://smartcourse.test/.well-known/jwks.json';
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const keyDirectory = async () => join(await mkdtemp(join(tmpdir(), 'sc-signing-key-')), 'keys');

/** Loads the key in a fresh Node process and prints its kid. */
const kidFromAnotherProcess = async (directory: string) => {
  const keysModule = fileURLToPath(new URL('./keys.ts', import.meta.url));
  const script = `const { loadSigningKeys } = await import(${JSON.stringify(keysModule)});
    const keys = await loadSigningKeys({ keyDirectory: process.argv[1], jwksUrl: ${JSON.stringify(jwksUrl)} });
    process.stdout.write(keys.current.kid);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, directory]);
  return stdout;
};

const privateJwk = async (alg: 'RS256' | 'ES256' | 'EdDSA', kid = `${jwksUrl}#${randomUUID()}`) => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
};

describe('the signing key', () => {
  it('is generated once into a 0600 file and reused on the next load', async () => {
    const directory = await keyDirectory();

    const first = await loadSigningKeys({ keyDirectory: directory, jwksUrl });
    const second = await loadSigningKeys({ keyDirectory: directory, jwksUrl });

    expect(await readdir(directory)).toEqual(['signing-key.jwk.json']);
    expect((await stat(join(directory, 'signing-key.jwk.json'))).mode & 0o777).toBe(0o600);
    expect(first.current.alg).toBe('RS256');
    expect(first.current.kid).toMatch(new RegExp(`^${jwksUrl.replace(/\./g, '\\.')}#[\\w-]{43}$`));
    expect(second.current.kid).toBe(first.current.kid);
    expect(publicJwks(second)).toEqual(publicJwks(first));
  });

  it('ends with one key when loads race to create it, in one process', async () => {
    const directory = await keyDirectory();

    const [a, b, c] = await Promise.all([1, 2, 3].map(() => loadSigningKeys({ keyDirectory: directory, jwksUrl })));

    expect(new Set([a!.current.kid, b!.current.kid, c!.current.kid]).size).toBe(1);
    expect(await readdir(directory)).toEqual(['signing-key.jwk.json']);
    const stored = JSON.parse(await readFile(join(directory, 'signing-key.jwk.json'), 'utf8')) as { kid: string };
    expect(stored.kid).toBe(a!.current.kid);
  });

  it('ends with one key when processes starting at once race to create it', async () => {
    const directory = await keyDirectory();

    const kids = await Promise.all([1, 2, 3, 4].map(() => kidFromAnotherProcess(directory)));

    expect(new Set(kids).size).toBe(1);
    expect(await readdir(directory)).toEqual(['signing-key.jwk.json']);
    expect((await loadSigningKeys({ keyDirectory: directory, jwksUrl })).current.kid).toBe(kids[0]);
  });

  it('publishes public parts only, the current key first, then the previous ones', async () => {
    const previousRsa = await privateJwk('RS256');
    const previousEd = await privateJwk('EdDSA');
    const { d: _rsaSecret, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...previousRsaPublic } = previousRsa;
    const { d: _edSecret, ...previousEdPublic } = previousEd;

    const keys = await loadSigningKeys({
      privateJwk: JSON.stringify(await privateJwk('ES256')),
      previousPublicJwks: JSON.stringify({ keys: [previousRsaPublic, previousEdPublic] }),
      keyDirectory: await keyDirectory(),
      jwksUrl,
    });
    const jwks = publicJwks(keys);

    expect(jwks.keys.map((jwk) => [jwk.kid, jwk.alg, jwk.use])).toEqual([
      [keys.current.kid, 'ES256', 'sig'],
      [previousRsa.kid, 'RS256', 'sig'],
      [previousEd.kid, 'EdDSA', 'sig'],
    ]);
    for (const jwk of jwks.keys) for (const member of privateMembers) expect(jwk).not.toHaveProperty(member);
    expect(JSON.stringify(jwks)).not.toContain(previousRsa.d);
  });

  it('uses a configured private key and makes no key file', async () => {
    const configured = await privateJwk('EdDSA', 'https://smartcourse.test/.well-known/jwks.json#2026-12');
    const directory = await keyDirectory();

    const keys = await loadSigningKeys({ privateJwk: JSON.stringify(configured), keyDirectory: directory, jwksUrl });

    expect(keys.current).toMatchObject({ kid: configured.kid, alg: 'EdDSA' });
    expect(keys.current.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: configured.x, kid: configured.kid, alg: 'EdDSA', use: 'sig' });
    await expect(readdir(directory)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to publish a previous key that has a private part', async () => {
    const leaked = await privateJwk('ES256');

    await expect(
      loadSigningKeys({
        privateJwk: JSON.stringify(await privateJwk('ES256')),
        previousPublicJwks: JSON.stringify([leaked]),
        keyDirectory: await keyDirectory(),
        jwksUrl,
      }),
    ).rejects.toThrow('contains a private part');
  });

  it('refuses keys it cannot sign VC-JWTs with, without echoing them', async () => {
    const options = { keyDirectory: await keyDirectory(), jwksUrl };
    const { d: _secret, ...publicOnly } = await privateJwk('ES256');
    const p384 = { ...(await exportJWK((await generateKeyPair('ES384', { extractable: true })).privateKey)), kid: 'p384' };
    const shortRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' });

    await expect(loadSigningKeys({ ...options, privateJwk: JSON.stringify(publicOnly) })).rejects.toThrow('no "d"');
    await expect(loadSigningKeys({ ...options, privateJwk: JSON.stringify(p384) })).rejects.toThrow('unsupported signing key');
    await expect(loadSigningKeys({ ...options, privateJwk: JSON.stringify({ ...shortRsa, kid: 'short' }) })).rejects.toThrow('at least 2048 bits');
    await expect(loadSigningKeys({ ...options, privateJwk: JSON.stringify({ ...(await privateJwk('ES256')), kid: undefined }) })).rejects.toThrow('no "kid"');
    await expect(loadSigningKeys({ ...options, privateJwk: '{"kty":"EC","d":"secret-value"' })).rejects.toThrow(
      /^the configured signing key is not valid JSON$/,
    );
  });
});
