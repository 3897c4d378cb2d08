import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import avro from 'avsc';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { subjectSpec } from '@smartcourse/contracts/schemas';
import { createCodec } from '../src/kafka/codec.js';

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
const codec = createCodec({ registryUrl });
const subject = 'lesson.completed-value';

function lessonCompleted() {
  return {
    eventId: randomUUID(),
    occurredAt: Date.now(),
    enrollmentId: randomUUID(),
    studentId: randomUUID(),
    courseId: randomUUID(),
    version: 3,
    lessonId: randomUUID(),
    completedAt: Date.now(),
    percent: 40,
  };
}

function framed(schemaId: number, body: Buffer) {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

describe('the codec', () => {
  it('round-trips a record into a plain object, in the Confluent wire format', async () => {
    const event = lessonCompleted();
    const bytes = await codec.encode(subject, event);
    expect(bytes.readUInt8(0)).toBe(0);
    const decoded = await codec.decode('lesson.completed', bytes);
    expect(decoded.value).toEqual(event);
    expect(Object.getPrototypeOf(decoded.value)).toBe(Object.prototype);
    expect(decoded.recordName).toBe('smartcourse.events.enrollment.LessonCompleted');
    expect(decoded.schemaId).toBe(bytes.readUInt32BE(1));
    // A second round uses the cached ids and readings and gives the same answer.
    expect((await codec.decode('lesson.completed', await codec.encode(subject, event))).value).toEqual(event);
  });

  it('reads a record written with an older schema with the newest one, filling defaults', async () => {
    const [v1] = subjectSpec('user.registered-value').versions;
    const registry = new SchemaRegistry({ host: registryUrl });
    const v1Id = await registry.getRegistryIdBySchema('user.registered-value', { type: SchemaType.AVRO, schema: JSON.stringify(v1) });
    const old = { eventId: randomUUID(), occurredAt: Date.now(), userId: randomUUID(), email: 'old@example.test', fullName: 'Old Writer', role: 'student' };
    const bytes = framed(v1Id, avro.Type.forSchema(v1 as avro.Schema).toBuffer(old));
    const decoded = await codec.decode('user.registered', bytes);
    expect(decoded.value).toEqual({ ...old, emailVerified: false });
    expect(decoded.schemaId).toBe(v1Id);
  });

  it('refuses a record that does not match its schema, naming the field', async () => {
    const bad = { ...lessonCompleted(), percent: 'forty' };
    await expect(codec.encode(subject, bad)).rejects.toMatchObject({ code: 'INVALID_RECORD', details: [expect.objectContaining({ path: 'percent' })] });
  });

  it('calls truncated, trailing, foreign, unknown-id and non-Avro bytes undecodable', async () => {
    const bytes = await codec.encode(subject, lessonCompleted());
    const undecodable = { code: 'UNDECODABLE_MESSAGE', retriable: false };
    await expect(codec.decode('lesson.completed', bytes.subarray(0, bytes.length - 3))).rejects.toMatchObject(undecodable);
    await expect(codec.decode('lesson.completed', Buffer.concat([bytes, Buffer.from([1, 2])]))).rejects.toMatchObject(undecodable);
    await expect(codec.decode('user.registered', bytes)).rejects.toMatchObject(undecodable);
    await expect(codec.decode('lesson.completed', framed(2_000_000_000, bytes.subarray(5)))).rejects.toMatchObject(undecodable);
    await expect(codec.decode('lesson.completed', Buffer.from('{"not":"avro"}'))).rejects.toMatchObject(undecodable);
    await expect(codec.decode('lesson.completed', null)).rejects.toMatchObject(undecodable);
  });

  it('answers a registry outage as retriable, for encode and for an id it has not seen', async () => {
    const cut = createCodec({ registryUrl: 'http://127.0.0.1:9/apis/ccompat/v7' });
    const unavailable = { code: 'REGISTRY_UNAVAILABLE', retriable: true };
    await expect(cut.encode(subject, lessonCompleted())).rejects.toMatchObject(unavailable);
    await expect(cut.decode('lesson.completed', await codec.encode(subject, lessonCompleted()))).rejects.toMatchObject(unavailable);
  });
});
