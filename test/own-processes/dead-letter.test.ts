import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { uniqueEmail } from '../support/http.js';
import { closeKafka, decode, produceRaw, readTopic, registry } from '../support/kafka.js';
import { mailTo } from '../support/mail.js';
import { startProcess, type RunningProcess } from '../support/processes.js';

const running: RunningProcess[] = [];
beforeAll(async () => {
  running.push(await startProcess('notification'));
  running.push(await startProcess('user'));
}, 120_000);
afterAll(async () => {
  await closeKafka();
  await Promise.all(running.map((p) => p.stop()));
});

async function registeredEvent(userId: string, email: string, eventId = randomUUID()) {
  const id = await registry.getLatestSchemaId('user.registered-value');
  const value = await registry.encode(id, {
    eventId,
    occurredAt: Date.now(),
    userId,
    email,
    fullName: 'Dead Letter Neighbour',
    role: 'student',
    emailVerified: false,
  });
  return { key: userId, value, headers: { ce_id: eventId, correlation_id: eventId } };
}

describe('poison messages and redelivery', () => {
  it('dead-letters bytes that are not Avro and still processes the next message on the partition', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('Neighbour');
    const poison = Buffer.from(`not avro at all ${randomUUID()}`);
    await produceRaw('user.registered', [{ key: userId, value: poison, headers: { correlation_id: 'poison-test' } }]);
    await produceRaw('user.registered', [await registeredEvent(userId, email)]);

    const letters = await eventually(
      async () => (await readTopic('notification.dlq')).filter((r) => r.key === userId),
      (found) => found.length > 0,
    );
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    expect(letter.raw?.equals(poison)).toBe(true);
    expect(letter.headers).toMatchObject({
      correlation_id: 'poison-test',
      dlq_reason: 'undecodable',
      dlq_source_topic: 'user.registered',
      dlq_consumer_group: 'notification',
      dlq_attempts: '1',
    });
    expect(letter.headers.dlq_error).toContain('wire format');
    expect(Number(letter.headers.dlq_source_offset)).toBeGreaterThanOrEqual(0);
    expect(letter.headers.dlq_source_partition).toMatch(/^\d+$/);

    const mail = await eventually(
      () => mailTo(email),
      (found) => found.length > 0,
    );
    expect(mail).toHaveLength(1);
  });

  it('dead-letters a command with an unknown schema id and answers it with a failed result', async () => {
    const key = randomUUID();
    const commandId = randomUUID();
    const unknownSchema = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), Buffer.from('whatever')]);
    await produceRaw('user.commands', [
      { key, value: unknownSchema, headers: { ce_id: commandId, ce_type: 'smartcourse.user.commands.UpdateProfile', ce_subject: key } },
    ]);
    const letters = await eventually(
      async () => (await readTopic('user.dlq')).filter((r) => r.key === key),
      (found) => found.length > 0,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]!.headers).toMatchObject({ dlq_reason: 'undecodable', dlq_source_topic: 'user.commands', dlq_consumer_group: 'user' });

    const results = await eventually(
      async () => (await readTopic('command.results')).filter((r) => r.key === commandId),
      (found) => found.length > 0,
    );
    expect(await decode(results[0]!)).toMatchObject({
      commandId,
      commandType: 'UpdateProfile',
      aggregateId: key,
      status: 'failed',
      errorCode: 'COMMAND_DEAD_LETTERED',
    });
  });

  it('sends one welcome email when the same event is delivered twice', async () => {
    const userId = randomUUID();
    const email = uniqueEmail('Twice');
    const event = await registeredEvent(userId, email);
    await produceRaw('user.registered', [event]);
    await produceRaw('user.registered', [event]);
    await eventually(
      () => mailTo(email),
      (found) => found.length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a wrong second email
    expect(await mailTo(email)).toHaveLength(1);
  });
});
