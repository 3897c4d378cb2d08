import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import knex from 'knex';
import { repoRoot } from '../../support/env.js';

/**
 * A clone in a directory only its owner can enter (a home directory of mode 700) must still run
 * the platform. As root the PostgreSQL server runs as the `postgres` user, which cannot reach
 * such a clone, so the Postgres server of scripts/servers/ is started from a copy of the scripts
 * in a mode-700 directory, on a port of its own beside the test run's servers.
 */

const port = 5439;
const parent = mkdtempSync(path.join(tmpdir(), 'smartcourse-private-'));
chmodSync(parent, 0o700);
const clone = path.join(parent, 'clone');
for (const dir of ['scripts/servers', 'infrastructure/postgres', 'contracts/src/topology.ts'])
  cpSync(path.join(repoRoot, dir), path.join(clone, dir), { recursive: true });
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'));
writeFileSync(path.join(clone, 'package.json'), '{ "type": "module" }\n');
// `wipe` initialises the test profile (stopping its servers and removing its data, the external
// data directory included); `start` then starts PostgreSQL and prints its data directory.
writeFileSync(
  path.join(clone, 'postgres.ts'),
  `import { initProfile } from './scripts/servers/infrastructure.js';
import { dataDir, postgres } from './scripts/servers/postgres.js';
import { start } from './scripts/servers/server.js';
const session = await initProfile('test');
if (process.argv[2] === 'start') {
  await start(postgres, session);
  process.stdout.write(dataDir(session.profile) + '\\n');
}
`,
);

/** Runs the copy's Postgres part, in a clean environment. */
function servers(action: 'wipe' | 'start') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'postgres.ts', action], {
    cwd: clone,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', SMARTCOURSE_POSTGRES_PORT: String(port) },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

afterAll(() => {
  servers('wipe');
  rmSync(parent, { recursive: true, force: true });
});

describe('a clone in a mode-700 directory', () => {
  it('initialises and starts PostgreSQL, creates the databases, and answers the services over TCP', async () => {
    const started = servers('start');
    expect(started.stderr).not.toContain('Permission denied');
    expect(started.status).toBe(0);
    const datadir = started.stdout.trim().split('\n').at(-1)!;
    if (process.getuid?.() === 0) {
      // the server user cannot enter the clone, so the data lives where it can
      expect(datadir.startsWith(clone)).toBe(false);
      expect(spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', clone]).status).not.toBe(0);
    }
    expect(existsSync(path.join(datadir, 'PG_VERSION'))).toBe(true);

    const db = knex({ client: 'pg', connection: `postgres://smartcourse:smartcourse@127.0.0.1:${port}/smartcourse_user` });
    try {
      const { rows } = await db.raw('select current_database() as name');
      expect(rows).toEqual([{ name: 'smartcourse_user' }]);
    } finally {
      await db.destroy();
    }
    // the server log is found beside the other logs of the profile
    expect(readFileSync(path.join(clone, '.run/test/postgres/postgres.log'), 'utf8')).toContain('ready to accept connections');
  });

  it('removes the external data when the profile is wiped', () => {
    const datadir = servers('start').stdout.trim().split('\n').at(-1)!;
    expect(existsSync(datadir)).toBe(true);
    expect(servers('wipe').status).toBe(0);
    expect(existsSync(datadir)).toBe(false);
  });
});
