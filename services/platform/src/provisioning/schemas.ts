import type { ProvisioningLogger } from './topics.js';

/**
 * Registers every version of every subject with the schema registry through its
 * Confluent-compatible API (Apicurio's ccompat v7 or Confluent Schema Registry), oldest first,
 * and sets each subject to FULL_TRANSITIVE so the registry itself refuses an incompatible
 * version. Idempotent: versions already under the subject are looked up, not re-registered.
 */

export const REQUIRED_COMPATIBILITY = 'FULL_TRANSITIVE';

export interface SchemaSubject {
  readonly subject: string;
  /** Every version, oldest first, as parsed Avro JSON. */
  readonly versions: readonly object[];
}

export interface RegisterSchemasOptions {
  /** e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  readonly registryUrl: string;
  readonly subjects: readonly SchemaSubject[];
  readonly logger?: ProvisioningLogger;
  /** Per request; default 10 s. */
  readonly timeoutMs?: number;
}

export interface SchemaRegistrationSummary {
  /** Subject → registry id of its latest version (what producers write with). */
  readonly latestIds: Record<string, number>;
  /** Versions new to the registry in this run (version = the catalog's vN). */
  readonly registered: readonly { subject: string; version: number; id: number }[];
  /** Subjects whose compatibility was set to FULL_TRANSITIVE in this run. */
  readonly configured: readonly string[];
}

/** A registry answer other than success; names the subject and carries the registry's message. */
export class SchemaRegistryError extends Error {
  constructor(
    readonly subject: string,
    readonly status: number,
    readonly registryCode: number | undefined,
    readonly registryMessage: string,
    action: string,
  ) {
    super(
      `schema registry refused to ${action} for subject ${subject}: HTTP ${status}` +
        `${registryCode === undefined ? '' : ` (error ${registryCode})`}: ${registryMessage}`,
    );
    this.name = 'SchemaRegistryError';
  }
}

export async function registerSchemas(options: RegisterSchemasOptions): Promise<SchemaRegistrationSummary> {
  const registry = createRegistryClient(options.registryUrl, options.timeoutMs ?? 10_000);
  const latestIds: Record<string, number> = {};
  const registered: { subject: string; version: number; id: number }[] = [];
  const configured: string[] = [];

  for (const { subject, versions } of options.subjects) {
    if (versions.length === 0) throw new Error(`subject ${subject} has no schema versions to register`);
    // Set before the first version: the registry then checks every version against the
    // earlier ones (Apicurio 3.0.9, like Confluent, accepts config on a subject not yet created;
    // without it Apicurio's global default NONE checks nothing).
    if ((await registry.compatibility(subject)) !== REQUIRED_COMPATIBILITY) {
      await registry.setCompatibility(subject, REQUIRED_COMPATIBILITY);
      configured.push(subject);
      options.logger?.info({ subject, compatibility: REQUIRED_COMPATIBILITY }, 'subject compatibility set');
    }
    let id = 0;
    for (const [index, schema] of versions.entries()) {
      const version = index + 1;
      const found = await registry.lookup(subject, schema);
      if (found === undefined) {
        id = await registry.register(subject, schema, version);
        registered.push({ subject, version, id });
        options.logger?.info({ subject, version, id }, 'schema version registered');
      } else {
        id = found;
      }
    }
    latestIds[subject] = id;
  }
  return { latestIds, registered, configured };
}

interface RegistryClient {
  /** Id of the schema when it is already a version of the subject. */
  lookup(subject: string, schema: object): Promise<number | undefined>;
  register(subject: string, schema: object, version: number): Promise<number>;
  /** The subject's compatibility level (the global one when the subject has none); undefined for an unknown subject. */
  compatibility(subject: string): Promise<string | undefined>;
  setCompatibility(subject: string, level: string): Promise<void>;
}

interface RegistryAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

function createRegistryClient(registryUrl: string, timeoutMs: number): RegistryClient {
  const base = registryUrl.replace(/\/+$/, '');

  async function call(method: string, path: string, body?: object): Promise<RegistryAnswer> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { message: text };
    }
    return { status: response.status, body: parsed };
  }

  function fail(subject: string, answer: RegistryAnswer, action: string): never {
    const code = typeof answer.body.error_code === 'number' ? answer.body.error_code : undefined;
    const { message, detail } = answer.body;
    const text = typeof message === 'string' ? message : typeof detail === 'string' ? detail : JSON.stringify(answer.body);
    throw new SchemaRegistryError(subject, answer.status, code, text, action);
  }

  const isErrorCode = (answer: RegistryAnswer, ...codes: number[]) => codes.includes(answer.body.error_code as number);

  const subjectPath = (subject: string) => encodeURIComponent(subject);

  return {
    async lookup(subject, schema) {
      const answer = await call('POST', `/subjects/${subjectPath(subject)}`, { schema: JSON.stringify(schema) });
      // 40401 subject not found, 40403 schema not found under the subject.
      if (answer.status === 404 && isErrorCode(answer, 40401, 40403)) return undefined;
      if (answer.status !== 200 || typeof answer.body.id !== 'number') fail(subject, answer, 'look up a schema');
      return answer.body.id as number;
    },
    async register(subject, schema, version) {
      const answer = await call('POST', `/subjects/${subjectPath(subject)}/versions`, {
        schema: JSON.stringify(schema),
      });
      if (answer.status !== 200 || typeof answer.body.id !== 'number') fail(subject, answer, `register v${version}`);
      return answer.body.id as number;
    },
    async compatibility(subject) {
      const answer = await call('GET', `/config/${subjectPath(subject)}`);
      // 40401 subject not found, 40408 no subject-level config (Confluent without defaultToGlobal).
      if (answer.status === 404 && isErrorCode(answer, 40401, 40408)) return undefined;
      if (answer.status !== 200) fail(subject, answer, 'read the compatibility level');
      const level = answer.body.compatibilityLevel ?? answer.body.compatibility;
      return typeof level === 'string' ? level : undefined;
    },
    async setCompatibility(subject, level) {
      const answer = await call('PUT', `/config/${subjectPath(subject)}`, { compatibility: level });
      if (answer.status !== 200) fail(subject, answer, `set compatibility ${level}`);
    },
  };
}
