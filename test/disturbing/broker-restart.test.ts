import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { operationsHeaders } from '../support/operations.js';
import { usePlatform } from '../support/platform.js';
import { processes } from '@smartcourse/contracts';

usePlatform();

describe('a broker restart', () => {
  it('is ridden out: commands, events and mail flow again afterwards, with no process lost', async () => {
    const before = await newUser('BeforeRestart');
    expect((await api('PATCH', '/api/users/me', { token: before.token, body: { bio: 'before' } })).status).toBe(200);

    // Not spawnSync: a blocked event loop would miss the gateway closing an idle keep-alive
    // socket, and the next request would be written into the closed socket.
    const restart = spawn('bash', [path.join(repoRoot, 'scripts/restart-server'), 'kafka'], { stdio: 'ignore', timeout: 120_000 });
    expect(await new Promise((resolve) => restart.once('exit', resolve))).toBe(0);

    // The first requests may meet clients still reconnecting; the platform must come back by itself.
    const patched = await eventually(
      () => api('PATCH', '/api/users/me', { token: before.token, body: { bio: 'after' } }),
      (answer) => answer.status === 200,
      60_000,
    );
    expect(patched.body.data.bio).toBe('after');

    const after = await newUser('AfterRestart');
    const welcome = await eventually(
      async () => (await mailTo(after.email)).filter((m) => m.subject === 'Welcome to SmartCourse'),
      (found) => found.length > 0,
      60_000,
    );
    expect(welcome).toHaveLength(1);
    for (const { port } of processes) {
      expect((await fetch(`http://127.0.0.1:${port}/ready`, { headers: operationsHeaders() })).status).toBe(200);
    }
  }, 180_000);
});
