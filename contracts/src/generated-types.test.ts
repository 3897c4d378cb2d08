import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from '@jest/globals';
import { renderRecordTypes } from './codegen.js';
import type { AvroSchema } from './schemas.js';
import type { TopicSpec } from './catalog.js';

const generatedFile = fileURLToPath(new URL('./generated/records.ts', import.meta.url));

describe('generated record types', () => {
  it('match the latest schemas (run `npx tsx contracts/scripts/generate-types.ts` after changing a schema)', () => {
    const committed = readFileSync(generatedFile, 'utf8');
    const rendered = renderRecordTypes();
    if (committed !== rendered) {
      throw new Error(
        'contracts/src/generated/records.ts is out of date with contracts/schemas: ' +
          'run `npx tsx contracts/scripts/generate-types.ts` and commit the result',
      );
    }
    expect(committed).toBe(rendered);
  });

  it('maps nested records, enums, arrays, maps, bytes and wrapped unions', () => {
    const schema = {
      type: 'record',
      name: 'Sample',
      namespace: 'smartcourse.events.test',
      fields: [
        { name: 'eventId', type: 'string' },
        { name: 'level', type: { type: 'enum', name: 'Level', symbols: ['LOW', 'HIGH'] } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'scores', type: { type: 'map', values: ['null', 'double'] } },
        { name: 'blob', type: 'bytes' },
        { name: 'count', type: 'int' },
        {
          name: 'parts',
          type: {
            type: 'array',
            items: { type: 'record', name: 'Part', fields: [{ name: 'next', type: ['null', 'Part'], default: null }] },
          },
        },
        { name: 'either', type: ['null', 'string', 'Part'], default: null },
        { name: 'tagged', type: ['null', 'string', 'Level'], default: null },
        { name: 'choice', type: ['int', 'long'] },
      ],
    };
    const topic: TopicSpec = {
      name: 'test.sampled',
      kind: 'event',
      description: 'test',
      partitions: 1,
      retentionMs: null,
      cleanupPolicy: 'delete',
      key: 'id',
      records: [{ fullName: 'smartcourse.events.test.Sample', schemaDir: 'test.sampled' }],
      owner: 'test',
      consumers: [],
      personalData: false,
    };

    const rendered = renderRecordTypes({ topics: [topic], loadVersions: () => [schema as AvroSchema] });

    expect(rendered).toContain("export type Level = 'LOW' | 'HIGH';");
    expect(rendered).toContain('export interface Part {\n  next: Part | null;\n}');
    expect(rendered).toContain(
      [
        'export interface Sample {',
        '  eventId: string;',
        '  level: Level;',
        '  tags: string[];',
        '  scores: Record<string, number | null>;',
        '  blob: Buffer;',
        '  count: number;',
        '  parts: Part[];',
        '  either: string | Part | null;',
        "  tagged: null | { 'string': string } | { 'smartcourse.events.test.Level': Level };",
        "  choice: { 'int': number } | { 'long': number };",
        '}',
      ].join('\n'),
    );
    expect(rendered).toContain("  'test.sampled': Sample;");
  });

  it('refuses two different types with the same simple name', () => {
    const record = (namespace: string, field: string) => ({
      type: 'record',
      name: 'Clash',
      namespace,
      fields: [{ name: field, type: 'string' }],
    });
    const topic = (name: string, namespace: string): TopicSpec => ({
      name,
      kind: 'event',
      description: 'test',
      partitions: 1,
      retentionMs: null,
      cleanupPolicy: 'delete',
      key: 'id',
      records: [{ fullName: `${namespace}.Clash`, schemaDir: name }],
      owner: 'test',
      consumers: [],
      personalData: false,
    });
    const schemas: Record<string, AvroSchema> = {
      'a.happened': record('smartcourse.a', 'x') as AvroSchema,
      'b.happened': record('smartcourse.b', 'y') as AvroSchema,
    };

    expect(() =>
      renderRecordTypes({
        topics: [topic('a.happened', 'smartcourse.a'), topic('b.happened', 'smartcourse.b')],
        loadVersions: (dir) => [schemas[dir]!],
      }),
    ).toThrow(/share the simple name Clash/);
  });
});
