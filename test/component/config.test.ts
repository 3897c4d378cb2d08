import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

/**
 * Every server address points at a listener that counts connections and never answers, so
 * a process that got past its configuration would be seen reaching for its stores.
 */
describe('production secrets', () => {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const trap = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let servers: Record<string, string> = {};

  const ownSecrets = {
    JWT_KEYS: 'prod-1:a-production-signing-key-of-32-bytes-or-more',
    INTERNAL_API_TOKEN: 'a-production-internal-token',
    MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    NOTIFICATION_UNSUBSCRIBE_SECRET: 'a-production-unsubscribe-secret-of-32-or-more',
  };
  /** services/user/src/config.ts's development default. */
  const developmentMfaKey = 'bG9jYWwtbWZhLWtleS1jaGFuZ2UtbWUtMzItYnl0ZXM=';
  const secretsOf = {
    user: ['JWT_KEYS', 'INTERNAL_API_TOKEN', 'MFA_ENCRYPTION_KEY'],
    gateway: ['JWT_KEYS', 'INTERNAL_API_TOKEN'],
    notification: ['INTERNAL_API_TOKEN', 'NOTIFICATION_UNSUBSCRIBE_SECRET'],
  } as const;

  beforeAll(async () => {
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const at = `127.0.0.1:${(trap.address() as net.AddressInfo).port}`;
    servers = {
      KAFKA_BROKERS: at,
      SCHEMA_REGISTRY_URL: `http://${at}/apis/ccompat/v7`,
      USER_DATABASE_URL: `postgres://smartcourse:smartcourse@${at}/smartcourse_user`,
      REDIS_URL: `redis://${at}`,
      MONGO_URL: `mongodb://${at}`,
      SMTP_URL: `smtp://${at}`,
      USER_SERVICE_URL: `http://${at}`,
      NOTIFICATION_SERVICE_URL: `http://${at}`,
    };
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  /** Runs the entry until it exits, or until it first connects to the trap (then kills it: status null). */
  function run(entry: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stderr: string }> {
    const before = connections;
    // The test run's own secrets (its profile's secrets file) are not this process's.
    const secretsUnset = Object.fromEntries([...Object.keys(ownSecrets), 'JWT_ACTIVE_KID'].map((name) => [name, undefined]));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { ...process.env, ...secretsUnset, ...servers, NODE_OPTIONS: '', LOG_LEVEL: 'error', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const watch = setInterval(() => {
      if (connections > before) child.kill('SIGKILL');
    }, 20);
    const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
    return new Promise((resolve) =>
      child.on('exit', (status) => {
        clearInterval(watch);
        clearTimeout(deadline);
        resolve({ status, stderr });
      }),
    );
  }

  it.each(Object.keys(secretsOf) as Array<keyof typeof secretsOf>)(
    'stops the %s process naming every secret left at its default, before connecting to anything',
    async (name) => {
      const before = connections;

      const result = await run(processSpec(name).entry, {});

      expect(result.status).toBe(78);
      expect(result.stderr).toContain('invalid configuration');
      for (const variable of secretsOf[name]) expect(result.stderr).toContain(`${variable}: unset`);
      expect(connections).toBe(before);
    },
  );

  it('refuses a secret set to its development value, naming only that one', async () => {
    const before = connections;

    const result = await run(processSpec('user').entry, { ...ownSecrets, MFA_ENCRYPTION_KEY: developmentMfaKey });

    expect(result.status).toBe(78);
    expect(result.stderr).toContain('MFA_ENCRYPTION_KEY: the development value');
    expect(result.stderr).not.toContain('JWT_KEYS');
    expect(result.stderr).not.toContain('INTERNAL_API_TOKEN');
    expect(connections).toBe(before);
  });

  it.each(Object.keys(secretsOf) as Array<keyof typeof secretsOf>)(
    'lets the %s process past its configuration with secrets of its own (it goes on to connect)',
    async (name) => {
      const before = connections;

      const result = await run(processSpec(name).entry, { ...ownSecrets, JWT_ACTIVE_KID: 'prod-1' });

      expect(result.stderr).not.toContain('invalid configuration');
      expect(result.status).toBeNull();
      expect(connections).toBeGreaterThan(before);
    },
  );
});
