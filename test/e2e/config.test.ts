import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { processSpec } from '@smartcourse/contracts';
import { repoRoot } from '../support/env.js';

function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('configuration', () => {
  it.each([
    ['user', { KAFKA_BROKERS: 'not a broker list' }, 'KAFKA_BROKERS'],
    ['user', { USER_HTTP_PORT: '70000' }, 'USER_HTTP_PORT'],
    ['gateway', { JWT_KEYS: 'local-1:too-short' }, 'JWT_KEYS'],
    ['notification', { SMTP_URL: 'http://mail' }, 'SMTP_URL'],
  ] as const)('stops the %s process naming the wrong variable', (name, env, variable) => {
    const result = start(processSpec(name).entry, env);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toContain(variable);
  });
});
