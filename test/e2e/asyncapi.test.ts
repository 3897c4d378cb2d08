import { afterAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { asyncApiDocument, type AsyncApiDocument } from '@smartcourse/contracts';
import { api, newUser } from '../support/http.js';
import { eventually } from '../support/eventually.js';
import { closeKafka, readTopic, type ReadRecord } from '../support/kafka.js';
import { usePlatform } from '../support/platform.js';

usePlatform();
afterAll(async () => {
  await closeKafka();
});

const document = asyncApiDocument({ replicationFactor: Number(process.env.KAFKA_REPLICATION_FACTOR ?? '1') });

const ajv = new Ajv({ allErrors: true });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

/** Why a real record's headers do not fit the document's message of the same ce_type; empty when they do. */
function headerProblems(doc: AsyncApiDocument, topic: string, record: ReadRecord): string[] {
  const messages = Object.values(doc.channels[topic]!.messages).map((ref) => doc.components.messages[ref.$ref.replace('#/components/messages/', '')]!);
  const message = messages.find((m) => (m.headers.properties as Record<string, { const?: string }> | undefined)?.ce_type?.const === record.headers.ce_type);
  if (!message) return [`${topic}: no message with ce_type ${record.headers.ce_type}`];
  const validate = ajv.compile(message.headers);
  return validate(record.headers) ? [] : (validate.errors ?? []).map((e) => `${topic} ${e.instancePath} ${e.message}`);
}

/** The newest record of a key, waiting for the outbox relay to publish it. */
async function recordWithKey(topic: string, key: string): Promise<ReadRecord> {
  const found = await eventually(
    async () => (await readTopic(topic)).filter((r) => r.key === key).pop(),
    (record) => record !== undefined,
  );
  if (!found) throw new Error(`no record with key ${key} on ${topic}`);
  return found;
}

describe('the event API document', () => {
  it('is served by the gateway at GET /api/asyncapi.json, without a token, exactly as the contracts build it', async () => {
    const answer = await api('GET', '/api/asyncapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual(document);
  });

  it('is a route of the OpenAPI document', async () => {
    const openapi = await api('GET', '/api/openapi.json');
    expect(openapi.body.paths['/api/asyncapi.json']?.get).toBeDefined();
  });

  it('describes the headers that the services really send on events, commands and results', async () => {
    const user = await newUser('AsyncApi');
    const patched = await api('PATCH', '/api/users/me', { token: user.token, body: { bio: 'Reads event documents' } });
    expect(patched.status).toBe(200);
    const commandId = patched.headers.get('x-command-id')!;

    const records = {
      'user.registered': await recordWithKey('user.registered', user.id),
      'user.commands': await recordWithKey('user.commands', user.id),
      'command.results': await recordWithKey('command.results', commandId),
      'user.profile_updated': await recordWithKey('user.profile_updated', user.id),
    };
    const problems = Object.entries(records).flatMap(([topic, record]) => headerProblems(document, topic, record));
    expect(problems).toEqual([]);
    expect(records['user.commands'].headers.ce_type).toBe('smartcourse.user.commands.UpdateProfile');
  });
});
