import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, newUser } from '../support/http.js';
import { eventually } from '../support/eventually.js';
import { closeKafka, decode, produceRaw, readTopic, registry } from '../support/kafka.js';
import { operationsHeaders } from '../support/operations.js';
import { startProcess, startServices, type RunningProcess, type StartedProcesses } from '../support/processes.js';

let services: StartedProcesses | undefined;
let gateway: RunningProcess | undefined;

beforeAll(async () => {
  services = await startServices();
  gateway = await startProcess('gateway');
}, 180_000);
afterAll(async () => {
  await closeKafka();
  await gateway?.stop();
  await services?.stop();
});

/** A DeactivateUser command written straight to `user.commands`, as an admin's gateway would. */
async function deactivateWithoutGateway(userId: string): Promise<void> {
  const id = await registry.getLatestSchemaId('user.commands-smartcourse.commands.user.DeactivateUser');
  const commandId = randomUUID();
  const value = await registry.encode(id, {
    commandId,
    issuedAt: Date.now(),
    actor: { userId: randomUUID(), role: 'admin' },
    userId,
    reason: 'deactivated while no gateway ran',
  });
  await produceRaw('user.commands', [{ key: userId, value, headers: { ce_id: commandId, correlation_id: commandId } }]);
}

describe('account events published while no gateway runs', () => {
  it('still end the access tokens issued before them once a gateway starts', async () => {
    // Given two signed-in users, and no gateway running
    const paused = await newUser('PausedOffline');
    const bystander = await newUser('Bystander');
    expect((await api('GET', '/api/users/me', { token: paused.token })).status).toBe(200);
    await gateway!.stop();
    gateway = undefined;

    // When one is deactivated through the user service, which publishes user.deactivated
    await deactivateWithoutGateway(paused.id);
    const published = await eventually(
      async () => (await readTopic('user.deactivated')).filter((record) => record.key === paused.id),
      (found) => found.length > 0,
    );
    expect(await decode(published[0]!)).toMatchObject({ userId: paused.id, reason: 'deactivated while no gateway ran' });

    // Then a gateway started afterwards refuses that user's old token as soon as it is ready
    gateway = await startProcess('gateway');
    const refused = await api('GET', '/api/users/me', { token: paused.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHORIZED');
    expect((await api('GET', '/api/users/me', { token: bystander.token })).status).toBe(200);
    const ready = await api('GET', '/ready', { headers: operationsHeaders() });
    expect(ready.body.data.checks['account-events']).toBe('ok');
  });
});
