import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { latestSchema, subjects } from '@smartcourse/contracts';
import { registry } from '../../support/kafka.js';
import { sc, scJson } from '../../support/sc.js';

/** `sc schemas` against the dev registry, which provisioning filled from the catalog. */

interface Overview {
  globalCompatibility: string;
  subjects: {
    subject: string;
    onRegistry: boolean;
    versions: number[];
    compatibility: string | null;
    catalog: { topic: string; versions: number } | null;
    drift: string[];
  }[];
  notInCatalog: string[];
  missingOnRegistry: string[];
}
interface Versions {
  subject: string;
  compatibility: string;
  catalog: { topic: string; record: string; versions: number } | null;
  versions: { version: number; id: number; schema?: unknown }[];
}
interface Verdict {
  subject: string;
  compatible: boolean;
  compatibility: string;
  registryMessages: string[];
  localReasons: string[];
}

const SUBJECT = 'user.registered-value';
const dir = mkdtempSync(path.join(tmpdir(), 'sc-schemas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The subject's newest schema with one more field, written to a file of its own. */
function schemaFile(name: string, field: Record<string, unknown>): string {
  const newest = latestSchema(SUBJECT);
  const file = path.join(dir, `${name}.avsc`);
  writeFileSync(file, JSON.stringify({ ...newest, fields: [...(newest.fields as object[]), field] }, null, 2));
  return file;
}

describe('sc schemas', () => {
  it('lists every catalog subject with its registered versions and compatibility level', async () => {
    const overview = await scJson<Overview>(['schemas']);

    expect(overview.missingOnRegistry).toEqual([]);
    expect(typeof overview.globalCompatibility).toBe('string');
    for (const spec of subjects()) {
      const listed = overview.subjects.find((s) => s.subject === spec.subject);
      expect(listed).toMatchObject({
        onRegistry: true,
        compatibility: 'FULL_TRANSITIVE',
        catalog: { topic: spec.topic.name, versions: spec.versions.length },
        drift: [],
      });
      expect(listed?.versions).toHaveLength(spec.versions.length);
    }
  });

  it("shows one subject's versions with the schema ids records carry, and with --schema the schemas", async () => {
    const detail = await scJson<Versions>(['schemas', SUBJECT, '--schema']);

    const latestId = await registry.getLatestSchemaId(SUBJECT);
    expect(detail).toMatchObject({
      subject: SUBJECT,
      compatibility: 'FULL_TRANSITIVE',
      catalog: { topic: 'user.registered', record: 'smartcourse.events.user.UserRegistered' },
    });
    expect(detail.versions.map((v) => v.version)).toEqual(
      subjects()
        .find((s) => s.subject === SUBJECT)!
        .versions.map((_, i) => i + 1),
    );
    expect(detail.versions.at(-1)?.id).toBe(latestId);
    expect(detail.versions.at(-1)?.schema).toMatchObject({ name: 'UserRegistered', fields: latestSchema(SUBJECT).fields });
  });

  it('names a subject the registry does not have and exits 1', async () => {
    const run = await sc(['schemas', 'no-such-subject-value', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('subject no-such-subject-value is not on the registry');
  });

  it('check: says yes to the newest schema plus an optional field with a default', async () => {
    const file = schemaFile('compatible', { name: 'nickname', type: ['null', 'string'], default: null });

    const run = await sc(['schemas', 'check', file, '--subject', SUBJECT, '--json']);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ subject: SUBJECT, compatible: true, compatibility: 'FULL_TRANSITIVE', localReasons: [] });
    const text = await sc(['schemas', 'check', file, '--subject', SUBJECT]);
    expect(text.stdout).toMatch(/^yes: /);
  });

  it('check: says no to a required field added without a default, with the reasons, and exits 1', async () => {
    const file = schemaFile('incompatible', { name: 'nickname', type: 'string' });

    const run = await sc(['schemas', 'check', file, '--subject', SUBJECT, '--json']);

    expect(run.code).toBe(1);
    const verdict = JSON.parse(run.stdout) as Verdict;
    expect(verdict).toMatchObject({ subject: SUBJECT, compatible: false });
    expect(verdict.localReasons.length).toBeGreaterThan(0);
    expect(verdict.localReasons.join('\n')).toContain('nickname');
    const text = await sc(['schemas', 'check', file, '--subject', SUBJECT]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^no: /);
    expect(text.stdout).toContain('nickname');
  });

  it('check: names an unknown subject instead of calling a schema compatible with nothing', async () => {
    const file = schemaFile('any', { name: 'nickname', type: ['null', 'string'], default: null });
    const run = await sc(['schemas', 'check', file, '--subject', 'no-such-subject-value']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('subject no-such-subject-value is not on the registry');
  });
});
