import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../../support/env.js';

/** The development values printed in the source (services/platform, services/user, services/notification). */
const shipped = {
  JWT_KEYS: 'local-1:local-development-signing-key-change-me-0001',
  INTERNAL_API_TOKEN: 'local-internal-token-change-me',
  MFA_ENCRYPTION_KEY: 'bG9jYWwtbWZhLWtleS1jaGFuZ2UtbWUtMzItYnl0ZXM=',
  NOTIFICATION_UNSUBSCRIBE_SECRET: 'local-unsubscribe-secret-change-me-please',
};
type Secrets = Record<keyof typeof shipped | 'JWT_ACTIVE_KID', string>;

/** A fresh clone: the servers' scripts and the topology they read (its databases), in a directory of its own. */
const clone = mkdtempSync(path.join(tmpdir(), 'smartcourse-secrets-'));
for (const part of ['scripts/servers', 'contracts/src/topology.ts']) cpSync(path.join(repoRoot, part), path.join(clone, part), { recursive: true });
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
writeFileSync(path.join(clone, 'package.json'), '{ "type": "module" }\n');
// writes a profile's env file as scripts/up and scripts/test do (its secrets generated on first use)
writeFileSync(
  path.join(clone, 'write-env.ts'),
  `import { mkdirSync } from 'node:fs';
import { writeEnv } from './scripts/servers/env-file.js';
import { profileNamed } from './scripts/servers/profile.js';
const profile = profileNamed(process.argv[2]!);
mkdirSync(profile.run, { recursive: true });
writeEnv(profile);
`,
);
afterAll(() => rmSync(clone, { recursive: true, force: true }));

/** The secrets a process of `profile` gets: its env file written (as scripts/up and scripts/test do), then sourced. */
function secretsOf(profile: 'dev' | 'test'): Secrets {
  const names = [...Object.keys(shipped), 'JWT_ACTIVE_KID'];
  const result = spawnSync(
    'bash',
    [
      '-c',
      `set -euo pipefail; node --import tsx write-env.ts ${profile}; source ".run/${profile}/env"; node -e 'console.log(JSON.stringify(Object.fromEntries(process.argv.slice(1).map((name) => [name, process.env[name]]))))' ${names.join(' ')}`,
    ],
    { cwd: clone, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root' }, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0) throw new Error(`bash failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Secrets;
}

describe('secrets per install', () => {
  it('gives a fresh profile its own secrets, none of them shipped, in a file only its owner reads, kept across starts', () => {
    const dev = secretsOf('dev');
    for (const [name, value] of Object.entries(shipped)) {
      expect(dev[name as keyof Secrets]).toMatch(/\S{16,}/);
      expect(dev[name as keyof Secrets]).not.toBe(value);
    }
    expect(dev.JWT_KEYS.startsWith(`${dev.JWT_ACTIVE_KID}:`)).toBe(true);
    expect(Buffer.from(dev.MFA_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(statSync(path.join(clone, '.run/dev/secrets')).mode & 0o777).toBe(0o600);

    // A second start keeps them (sealed MFA secrets and signed tokens stay valid) …
    expect(secretsOf('dev')).toEqual(dev);

    // … and another profile has its own.
    const test = secretsOf('test');
    for (const name of Object.keys(shipped) as (keyof typeof shipped)[]) expect(test[name]).not.toBe(dev[name]);
  });
});
