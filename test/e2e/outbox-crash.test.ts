import { afterAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { api, uniqueEmail } from '../support/http.js';
import { closeKafka, readTopic } from '../support/kafka.js';
import { startPlatform, startProcess } from '../support/processes.js';

const running: Array<{ stop(): Promise<void> }> = [];
afterAll(async () => {
  await closeKafka();
  await Promise.all(running.map((p) => p.stop()));
});

describe('the outbox across a crash', () => {
  it('publishes an event committed before a crash exactly once after the restart', async () => {
    // The relay is held, so the process dies with the row committed and not yet published.
    const platform = await startPlatform({ user: { OUTBOX_RELAY_ENABLED: 'false' } });
    running.push(platform); // stopped after the test even if it fails before the kill
    const held = platform.get('user');

    const email = uniqueEmail('Crash');
    const registered = await api('POST', '/api/auth/register', { body: { email, password: 'crash-test-password', fullName: 'Crash Test' } });
    expect(registered.status).toBe(201);
    const userId: string = registered.body.data.id;
    await held.kill();

    expect((await readTopic('user.registered')).filter((r) => r.key === userId)).toHaveLength(0);

    running.push(await startProcess('user'));
    const published = await eventually(
      async () => (await readTopic('user.registered')).filter((r) => r.key === userId),
      (found) => found.length > 0,
    );
    expect(published).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second publish would show by now
    expect((await readTopic('user.registered')).filter((r) => r.key === userId)).toHaveLength(1);
  });
});
