import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { subjects, subjectSpec, latestSchema, type AvroSchema } from '../src/schemas.js';
import { fullCompatibilityProblems, fullTransitiveProblems } from '../src/compatibility.js';

/**
 * Every schema version can be read by every other (FULL), checked locally with avsc, and the
 * registry itself refuses a breaking change once a subject is FULL_TRANSITIVE.
 */

const registryUrl = (process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7').replace(/\/+$/, '');
const sampleSubject = 'user.registered-value';

type Field = { name: string; type: unknown; default?: unknown };

function withField(schema: AvroSchema, field: Field): AvroSchema {
  return { ...schema, fields: [...(schema.fields as Field[]), field] };
}

/** Breaking: a reader of this version cannot read older records, which lack the field. */
const incompatibleNext = (): AvroSchema => withField(latestSchema(sampleSubject), { name: 'preferredLanguage', type: 'string' });
/** Compatible both ways: optional with a default. */
const compatibleNext = (): AvroSchema => withField(latestSchema(sampleSubject), { name: 'preferredLanguage', type: ['null', 'string'], default: null });

const consecutivePairs = subjects().flatMap((s) => s.versions.slice(1).map((newer, i) => [s.subject, i + 1, i + 2, s.versions[i]!, newer] as const));

describe('schema compatibility, checked locally with avsc', () => {
  it('has at least one subject with more than one version to check', () => {
    expect(consecutivePairs.length).toBeGreaterThan(0);
  });

  it.each(consecutivePairs)('%s v%i → v%i is FULL compatible', (_subject, _from, _to, older, newer) => {
    expect(fullCompatibilityProblems(older, newer)).toEqual([]);
  });

  it.each(subjects().map((s) => [s.subject, s.versions] as const))('%s: every pair of versions is compatible (FULL_TRANSITIVE)', (_subject, versions) => {
    expect(fullTransitiveProblems(versions)).toEqual([]);
  });

  it('detects a field added without a default as a breaking change', () => {
    const problems = fullCompatibilityProblems(latestSchema(sampleSubject), incompatibleNext());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/new schema cannot read data written with the old one/);
  });

  it('detects a removed field without a default as a breaking change', () => {
    const latest = latestSchema(sampleSubject);
    const withoutEmail = { ...latest, fields: (latest.fields as Field[]).filter((f) => f.name !== 'email') };
    const problems = fullCompatibilityProblems(latest, withoutEmail);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/old schema cannot read data written with the new one/);
  });

  it('accepts an optional field with a default', () => {
    expect(fullCompatibilityProblems(latestSchema(sampleSubject), compatibleNext())).toEqual([]);
  });
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function registry(method: string, path: string, body?: object): Promise<Answer> {
  const response = await fetch(`${registryUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const register = (subject: string, schema: object) => registry('POST', `/subjects/${encodeURIComponent(subject)}/versions`, { schema: JSON.stringify(schema) });

describe('schema compatibility, enforced by the registry', () => {
  const subject = `compat-test-${randomUUID()}-value`;

  beforeAll(async () => {
    await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(5_000) }).catch((error: Error) => {
      throw new Error(`schema registry not reachable at ${registryUrl} (set SCHEMA_REGISTRY_URL): ${error.message}`);
    });
    const [first, ...rest] = subjectSpec(sampleSubject).versions;
    expect((await register(subject, first!)).status).toBe(200);
    // Compatibility is enforced only once set on the subject (or globally).
    const config = await registry('PUT', `/config/${encodeURIComponent(subject)}`, {
      compatibility: 'FULL_TRANSITIVE',
    });
    expect(config).toEqual({ status: 200, body: { compatibilityLevel: 'FULL_TRANSITIVE' } });
    for (const schema of rest) expect((await register(subject, schema)).status).toBe(200);
  });

  afterAll(async () => {
    const path = `/subjects/${encodeURIComponent(subject)}`;
    await registry('DELETE', path);
    await registry('DELETE', `${path}?permanent=true`);
  });

  it('refuses a field added without a default, with its own 409 answer', async () => {
    const answer = await register(subject, incompatibleNext());

    expect(answer.status).toBe(409);
    expect(answer.body.error_code).toBe(409);
    // Apicurio 3.0.9: "io.apicurio.registry.rules.RuleViolationException: Incompatible artifact:
    // <subject> [AVRO], num of incompatible diffs: {1}, list of diff types: [preferredLanguage at /fields/7]"
    expect(answer.body.message).toMatch(/incompatible/i);
    expect(answer.body.message).toContain(subject);
    const versions = await registry('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
    expect(versions.body).toEqual(subjectSpec(sampleSubject).versions.map((_, i) => i + 1));
  });

  it('accepts an optional field with a default as the next version', async () => {
    const answer = await register(subject, compatibleNext());

    expect(answer.status).toBe(200);
    expect(typeof answer.body.id).toBe('number');
    const versions = await registry('GET', `/subjects/${encodeURIComponent(subject)}/versions`);
    expect(versions.body).toEqual(
      subjectSpec(sampleSubject)
        .versions.map((_, i) => i + 1)
        .concat(subjectSpec(sampleSubject).versions.length + 1),
    );
  });
});
