import { OperatorError } from '../failure.js';

/**
 * The few calls of the registry's Confluent-compatible REST API the operator needs (Apicurio's
 * ccompat v7 on the local platform). Every failure names the registry, or the subject it is about.
 */
export interface RegistryApi {
  subjects(): Promise<string[]>;
  /** Throws naming the subject when the registry does not have it. */
  versions(subject: string): Promise<number[]>;
  version(subject: string, version: number): Promise<RegisteredVersion>;
  /**
   * The subject's compatibility level. Apicurio answers the global level for a subject without
   * one of its own (Confluent with defaultToGlobal does the same), so the two are not told apart.
   */
  compatibility(subject: string): Promise<string>;
  globalCompatibility(): Promise<string>;
  /** Whether the registry would accept this schema as the subject's next version. */
  checkCompatibility(subject: string, schema: string): Promise<{ compatible: boolean; messages: string[] }>;
}

export interface RegisteredVersion {
  subject: string;
  version: number;
  id: number;
  /** The Avro schema as the registry stores it: JSON text. */
  schema: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown> | unknown[];
}

export function registryApi(baseUrl: string, timeoutMs = 10_000): RegistryApi {
  const base = baseUrl.replace(/\/+$/, '');

  async function call(method: 'GET' | 'POST', path: string, body?: object): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new OperatorError(`the schema registry at ${base} does not answer (${(error as Error).message}); set SCHEMA_REGISTRY_URL`);
    }
    const text = await response.text();
    try {
      return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
    } catch {
      throw new OperatorError(`the schema registry at ${base} answered ${method} ${path} with HTTP ${response.status} and no JSON: ${text.slice(0, 200)}`);
    }
  }

  const messageOf = (answer: Answer) => {
    const body = answer.body as Record<string, unknown>;
    return typeof body.message === 'string' ? body.message : JSON.stringify(body);
  };
  const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;

  /** The answer's body when it succeeded; a 404 for a subject names the subject. */
  async function expectOk(method: 'GET' | 'POST', path: string, subject: string | undefined, body?: object): Promise<Answer['body']> {
    const answer = await call(method, path, body);
    if (answer.status === 200) return answer.body;
    if (answer.status === 404 && subject !== undefined) throw new OperatorError(`subject ${subject} is not on the registry at ${base}`);
    throw new OperatorError(`the schema registry refused ${method} ${path}: HTTP ${answer.status}: ${messageOf(answer)}`);
  }

  const levelOf = (body: Answer['body']) => {
    const { compatibilityLevel, compatibility } = body as Record<string, unknown>;
    const level = compatibilityLevel ?? compatibility;
    if (typeof level !== 'string') throw new OperatorError(`the schema registry answered a compatibility level without one: ${JSON.stringify(body)}`);
    return level;
  };

  return {
    async subjects() {
      return ((await expectOk('GET', '/subjects', undefined)) as string[]).sort();
    },
    async versions(subject) {
      return ((await expectOk('GET', `${subjectPath(subject)}/versions`, subject)) as number[]).sort((a, b) => a - b);
    },
    async version(subject, version) {
      const body = (await expectOk('GET', `${subjectPath(subject)}/versions/${version}`, subject)) as Record<string, unknown>;
      return { subject, version, id: Number(body.id), schema: String(body.schema) };
    },
    async compatibility(subject) {
      return levelOf(await expectOk('GET', `/config/${encodeURIComponent(subject)}`, subject));
    },
    async globalCompatibility() {
      return levelOf(await expectOk('GET', '/config', undefined));
    },
    async checkCompatibility(subject, schema) {
      const answer = await call('POST', `/compatibility${subjectPath(subject)}/versions/latest?verbose=true`, { schema });
      if (answer.status === 404) throw new OperatorError(`subject ${subject} is not on the registry at ${base}`);
      if (answer.status === 422) throw new OperatorError(`the schema registry cannot check this schema against ${subject}: ${messageOf(answer)}`);
      if (answer.status !== 200)
        throw new OperatorError(`the schema registry refused the compatibility check of ${subject}: HTTP ${answer.status}: ${messageOf(answer)}`);
      const body = answer.body as Record<string, unknown>;
      // Confluent lists its reasons under `messages` with verbose=true; Apicurio gives none
      const messages = Array.isArray(body.messages) ? body.messages.map(String) : [];
      return { compatible: body.is_compatible === true, messages };
    },
  };
}
