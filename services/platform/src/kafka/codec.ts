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

export const undecodable = (message: string, cause?: unknown) =>
  new AppError({ code: 'UNDECODABLE_MESSAGE', message, retriable: false, cause });

/** Encodes and decodes records through the schema registry, with the catalog's schemas. */
export function createCodec(options: { registryUrl: string }): Codec {
  const registry = new SchemaRegistry({ host: options.registryUrl });
  const writerIds = new Map<string, Promise<{ id: number; type: avro.Type }>>();
  const resolvers = new Map<string, ReturnType<avro.Type["createResolver"]>>();

  function writerFor(subject: string) {
    let found = writerIds.get(subject);
    if (!found) {
      const schema = latestSchema(subject);
      found = registry
        .getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(schema) })
        .then((id) => ({ id, type: recordTypeOf(subject) }))
        .catch((error: unknown) => {
          // The registry does not know this schema under the subject: the record's own fault, no retry mends it.
          const status = (error as { status?: number }).status;
          if (status === 404 || status === 409 || status === 422) {
            throw new AppError({ code: 'SCHEMA_NOT_REGISTERED', message: `${subject}: the registry does not know this schema (${status})`, cause: error });
          }
          throw new AppError({ code: 'REGISTRY_UNAVAILABLE', message: 'schema registry unreachable', retriable: true, cause: error });
        });
      found.catch(() => writerIds.delete(subject));
      writerIds.set(subject, found);
    }
    return found;
  }

  return {
    async encode(subject, value) {
      assertMatchesSchema(subject, value);
      const { id, type } = await writerFor(subject);
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt8(MAGIC, 0);
      header.writeUInt32BE(id, 1);
      return Buffer.concat([header, type.toBuffer(value)]);
    },

    async decode(topic, bytes) {
      if (!bytes || bytes.length < HEADER_BYTES || bytes.readUInt8(0) !== MAGIC) {
        throw undecodable(`message on ${topic} is not in Confluent Avro wire format`);
      }
      const schemaId = bytes.readUInt32BE(1);
      let writer: avro.Type;
      try {
        writer = (await registry.getSchema(schemaId)) as unknown as avro.Type;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status === 404) throw undecodable(`schema id ${schemaId} on ${topic} is unknown to the registry`, error);
        throw new AppError({ code: 'REGISTRY_UNAVAILABLE', message: 'schema registry unreachable', retriable: true, cause: error });
      }
      const recordName = writer.name ?? '';
      const spec = subjects().find((s) => s.topic.name === topic && s.record.fullName === recordName);
      if (!spec) throw undecodable(`record ${recordName || '(unnamed)'} is not expected on ${topic}`);
      const reader = recordTypeOf(spec.subject);
      const resolverKey = `${spec.subject}#${schemaId}`;
      let resolver = resolvers.get(resolverKey);
      if (!resolver) {
        resolver = reader.createResolver(writer);
        resolvers.set(resolverKey, resolver);
      }
      try {
        const value = reader.fromBuffer(bytes.subarray(HEADER_BYTES), resolver) as Record<string, unknown>;
        return { value: { ...value }, schemaId, recordName };
      } catch (error) {
        throw undecodable(`message on ${topic} does not decode with schema ${schemaId}: ${(error as Error).message}`, error);
      }
    },
  };
}
