import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { subjectOf, topics, type RecordSpec, type TopicSpec } from './catalog.js';

export type AvroSchema = Record<string, unknown> & { name: string; namespace?: string };

export interface SubjectSpec {
  readonly subject: string;
  readonly topic: TopicSpec;
  readonly record: RecordSpec;
  /** Every version, oldest first; the last one is what producers write. */
  readonly versions: readonly AvroSchema[];
}

export const schemasRoot = fileURLToPath(new URL('../schemas/', import.meta.url));

/** Reads `v1.avsc`, `v2.avsc`, … of a schema folder, oldest first. */
export function loadVersions(schemaDir: string): AvroSchema[] {
  const dir = path.join(schemasRoot, schemaDir);
  return readdirSync(dir)
    .map((file) => /^v(\d+)\.avsc$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: Number(match[1]), file: match[0] }))
    .sort((a, b) => a.version - b.version)
    .map(({ file }) => JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AvroSchema);
}

let cached: SubjectSpec[] | undefined;

/** Every registry subject of the catalog with its schema versions. */
export function subjects(): readonly SubjectSpec[] {
  cached ??= topics.flatMap((topic) =>
    topic.records.map((record) => ({
      subject: subjectOf(topic, record),
      topic,
      record,
      versions: loadVersions(record.schemaDir),
    })),
  );
  return cached;
}

export function subjectSpec(subject: string): SubjectSpec {
  const found = subjects().find((s) => s.subject === subject);
  if (!found) throw new Error(`subject ${subject} is not in the catalog`);
  return found;
}

export function latestSchema(subject: string): AvroSchema {
  const versions = subjectSpec(subject).versions;
  const latest = versions[versions.length - 1];
  if (!latest) throw new Error(`subject ${subject} has no schema versions`);
  return latest;
}
