import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { processSpec } from '@smartcourse/contracts';
import { repoRoot } from '../support/env.js';

/**
 * Each case starts a process of its own and waits for it to exit, so the cases run side by side
 * (`it.concurrent`): most of each is the process loading its modules.
 */
function start(entry: string, env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const exited = new Promise<{ status: number | null; stderr: string }>((resolve) =>
    child.on('exit', (status) => {
      clearTimeout(deadline);
      resolve({ status, stderr });
    }),
  );
  return { child, exited };
}

describe('configuration', () => {
  it.concurrent.each([
    ['user', { KAFKA_BROKERS: 'not a broker list' }, 'KAFKA_BROKERS'],
    ['user', { USER_HTTP_PORT: '70000' }, 'USER_HTTP_PORT'],
    ['gateway', { JWT_KEYS: 'local-1:too-short' }, 'JWT_KEYS'],
    ['notification', { SMTP_URL: 'http://mail' }, 'SMTP_URL'],
  ] as const)('stops the %s process naming the wrong variable', async (name, env, variable) => {
    const result = await start(processSpec(name).entry, env).exited;
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('invalid configuration');
    expect(result.stderr).toContain(variable);
  });
});

describe('production secrets', () => {
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

  /**
   * Runs the entry in production mode with every server address at a listener of its own that
   * counts connections and never answers, until it exits or first connects (then it is killed:
   * status null), so a process that got past its configuration is seen reaching for its stores.
   */
  async function run(entry: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stderr: string; connections: number }> {
    let connections = 0;
    const sockets = new Set<net.Socket>();
    const trap = net.createServer((socket) => {
      connections += 1;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const at = `127.0.0.1:${(trap.address() as net.AddressInfo).port}`;
    const servers = {
      KAFKA_BROKERS: at,
      SCHEMA_REGISTRY_URL: `http://${at}/apis/ccompat/v7`,
      USER_DATABASE_URL: `postgres://smartcourse:smartcourse@${at}/smartcourse_user`,
      REDIS_URL: `redis://${at}`,
      MONGO_URL: `mongodb://${at}`,
      SMTP_URL: `smtp://${at}`,
      USER_SERVICE_URL: `http://${at}`,
      NOTIFICATION_SERVICE_URL: `http://${at}`,
    };
    // The test run's own secrets (its profile's secrets file) are not this process's.
    const secretsUnset = Object.fromEntries([...Object.keys(ownSecrets), 'JWT_ACTIVE_KID'].map((name) => [name, undefined]));
    const { child, exited } = start(entry, { ...secretsUnset, ...servers, LOG_LEVEL: 'error', NODE_ENV: 'production', ...env });
    const watch = setInterval(() => {
      if (connections > 0) child.kill('SIGKILL');
    }, 20);
    try {
      return { ...(await exited), connections };
    } finally {
      clearInterval(watch);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  }

  it.concurrent.each(Object.keys(secretsOf) as Array<keyof typeof secretsOf>)(
    'stops the %s process naming every secret left at its default, before connecting to anything',
    async (name) => {
      const result = await run(processSpec(name).entry, {});

      expect(result.status).toBe(78);
      expect(result.stderr).toContain('invalid configuration');
      for (const variable of secretsOf[name]) expect(result.stderr).toContain(`${variable}: unset`);
      expect(result.connections).toBe(0);
    },
  );

  it.concurrent('refuses a secret set to its development value, naming only that one', async () => {
    const result = await run(processSpec('user').entry, { ...ownSecrets, MFA_ENCRYPTION_KEY: developmentMfaKey });

    expect(result.status).toBe(78);
    expect(result.stderr).toContain('MFA_ENCRYPTION_KEY: the development value');
    expect(result.stderr).not.toContain('JWT_KEYS');
    expect(result.stderr).not.toContain('INTERNAL_API_TOKEN');
    expect(result.connections).toBe(0);
  });

  it.concurrent.each(Object.keys(secretsOf) as Array<keyof typeof secretsOf>)(
    'lets the %s process past its configuration with secrets of its own (it goes on to connect)',
    async (name) => {
      const result = await run(processSpec(name).entry, { ...ownSecrets, JWT_ACTIVE_KID: 'prod-1' });

      expect(result.stderr).not.toContain('invalid configuration');
      expect(result.status).toBeNull();
      expect(result.connections).toBeGreaterThan(0);
    },
  );
});
