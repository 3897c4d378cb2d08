import avro from 'avsc';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { latestSchema, subjects } from '@smartcourse/contracts/schemas';
import { AppError } from '../errors.js';
import { assertMatchesSchema, recordTypeOf } from './record-types.js';

/** Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary. */
const MAGIC = 0;
const HEADER_BYTES = 5;

export interface Decoded {
  value: Record<string, unknown>;
  schemaId: number;
  /** Avro full name of the writer's record, e.g. `smartcourse.commands.user.UpdateProfile`. */
  recordName: string;
}

export interface Codec {
  encode(subject: string, value: object): Promise<Buffer>;
  /** Decodes with the newest schema this process knows for the record, so older records get defaults. */
  decode(topic: string, bytes: Buffer | null): Promise<Decoded>;
}

export const undecodable = (message: string, cause?: unknown) => new AppError({ code: 'UNDECODABLE_MESSAGE', message, retriable: false, cause });

interface Writer {
  id: number;
  type: avro.Type;
}

/** How one writer schema id is read on one topic: the catalog's reader, and a resolver when the schemas differ. */
interface Reading {
  reader: avro.Type;
  resolver: ReturnType<avro.Type['createResolver']> | undefined;
  recordName: string;
}

/**
 * Encodes and decodes records in the Confluent wire format with the catalog's schemas. The
 * registry is asked once per subject (its id for the schema) and once per unknown writer id;
 * after that both directions are plain avsc calls around the 5-byte header.
 */
export function createCodec(options: { registryUrl: string }): Codec {
  const registry = new SchemaRegistry({ host: options.registryUrl });
  const pendingWriters = new Map<string, Promise<Writer>>();
  const writers = new Map<string, Writer>();
  const readings = new Map<number, Map<string, Reading>>();
  // Avro bodies are written here first, then copied once into a buffer of their exact size.
  let scratch = Buffer.allocUnsafe(4096);

  function registeredWriter(subject: string): Promise<Writer> {
    let pending = pendingWriters.get(subject);
    if (!pending) {
      const schema = latestSchema(subject);
      pending = registry
        .getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(schema) })
        .then((id) => {
          const writer = { id, type: recordTypeOf(subject) };
          writers.set(subject, writer);
          return writer;
        })
        .catch((error: unknown) => {
          pendingWriters.delete(subject);
          // The registry does not know this schema under the subject: the record's own fault, no retry mends it.
          const status = (error as { status?: number }).status;
          if (status === 404 || status === 409 || status === 422) {
            throw new AppError({ code: 'SCHEMA_NOT_REGISTERED', message: `${subject}: the registry does not know this schema (${status})`, cause: error });
          }
          throw new AppError({ code: 'REGISTRY_UNAVAILABLE', message: 'schema registry unreachable', retriable: true, cause: error });
        });
      pendingWriters.set(subject, pending);
    }
    return pending;
  }

  function framed(writer: Writer, value: object): Buffer {
    let end = writer.type.encode(value, scratch, HEADER_BYTES);
    if (end < 0) {
      // avsc answers the missing byte count as a negative number: grow once to fit.
      scratch = Buffer.allocUnsafe(2 * (scratch.length - end));
      end = writer.type.encode(value, scratch, HEADER_BYTES);
    }
    const bytes = Buffer.allocUnsafe(end);
    bytes.writeUInt8(MAGIC, 0);
    bytes.writeUInt32BE(writer.id, 1);
    scratch.copy(bytes, HEADER_BYTES, HEADER_BYTES, end);
    return bytes;
  }

  async function writerType(topic: string, schemaId: number): Promise<avro.Type> {
    try {
      return (await registry.getSchema(schemaId)) as unknown as avro.Type;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) throw undecodable(`schema id ${schemaId} on ${topic} is unknown to the registry`, error);
      throw new AppError({ code: 'REGISTRY_UNAVAILABLE', message: 'schema registry unreachable', retriable: true, cause: error });
    }
  }

  async function readingFor(topic: string, schemaId: number): Promise<Reading> {
    const known = readings.get(schemaId)?.get(topic);
    if (known) return known;
    const writer = await writerType(topic, schemaId);
    const recordName = writer.name ?? '';
    const spec = subjects().find((s) => s.topic.name === topic && s.record.fullName === recordName);
    if (!spec) throw undecodable(`record ${recordName || '(unnamed)'} is not expected on ${topic}`);
    const reader = recordTypeOf(spec.subject);
    // Canonically equal schemas have the same fields in the same order: the reader reads the bytes as they are.
    const reading = { reader, resolver: reader.equals(writer) ? undefined : reader.createResolver(writer), recordName };
    let byTopic = readings.get(schemaId);
    if (!byTopic) {
      byTopic = new Map();
      readings.set(schemaId, byTopic);
    }
    byTopic.set(topic, reading);
    return reading;
  }

  return {
    async encode(subject, value) {
      assertMatchesSchema(subject, value);
      return framed(writers.get(subject) ?? (await registeredWriter(subject)), value);
    },

    async decode(topic, bytes) {
      if (!bytes || bytes.length < HEADER_BYTES || bytes.readUInt8(0) !== MAGIC) {
        throw undecodable(`message on ${topic} is not in Confluent Avro wire format`);
      }
      const schemaId = bytes.readUInt32BE(1);
      const { reader, resolver, recordName } = await readingFor(topic, schemaId);
      let read: { value: unknown; offset: number };
      try {
        read = reader.decode(bytes, HEADER_BYTES, resolver);
      } catch (error) {
        throw undecodable(`message on ${topic} does not decode with schema ${schemaId}: ${(error as Error).message}`, error);
      }
      if (read.offset < 0) throw undecodable(`message on ${topic} does not decode with schema ${schemaId}: truncated buffer`);
      if (read.offset < bytes.length) throw undecodable(`message on ${topic} does not decode with schema ${schemaId}: trailing data`);
      return { value: { ...(read.value as Record<string, unknown>) }, schemaId, recordName };
    },
  };
}
