import { afterAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { api, uniqueEmail } from '../support/http.js';
import { closeKafka, readTopic } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';

// The relay is held, so the process dies with the row committed and not yet published.
const platform = usePlatform({ env: { user: { OUTBOX_RELAY_ENABLED: 'false' } } });
afterAll(async () => {
  await closeKafka();
});

describe('the outbox across a crash', () => {
  it('publishes an event committed before a crash exactly once after the restart', async () => {
    const held = platform.process('user');

    const email = uniqueEmail('Crash');
    const registered = await api('POST', '/api/auth/register', { body: { email, password: 'crash-test-password', fullName: 'Crash Test' } });
    expect(registered.status).toBe(201);
    const userId: string = registered.body.data.id;
    await held.kill();

    expect((await readTopic('user.registered')).filter((r) => r.key === userId)).toHaveLength(0);

    await platform.restart('user', {});
    const published = await eventually(
      async () => (await readTopic('user.registered')).filter((r) => r.key === userId),
      (found) => found.length > 0,
    );
    expect(published).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second publish would show by now
    expect((await readTopic('user.registered')).filter((r) => r.key === userId)).toHaveLength(1);
  });
});
