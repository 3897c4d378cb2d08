import { z } from 'zod';
import { storableTextPattern } from '@smartcourse/contracts';
import { STREAM_COOKIE } from '../auth/stream-cookie.js';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../edge/idempotency.js';
import { policyOf } from '../edge/rate-limit.js';
import { formMediaTypes } from '../routing/form-body.js';
import type { ResponseSpec, RouteSpec } from '../routing/spec.js';
import { errorSchemas, operationErrors, rateLimitHeaderRefs, rateLimitHeaders, sharedErrorResponses } from './errors.js';

type Json = Record<string, unknown>;

/** `/api/users/:id` → `/api/users/{id}` */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/**
 * A request's free text: what the edge refuses in every text field (NUL; lone surrogates are in
 * the document's description), stated on each string that no pattern, format or enum already narrows.
 */
function statingStorableText(json: Json): void {
  const narrowed = ['pattern', 'format', 'enum', 'const', 'allOf'].some((keyword) => keyword in json);
  if (json.type === 'string' && !narrowed) json.pattern = storableTextPattern;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    ...(io === 'input' ? { override: ({ jsonSchema }: { jsonSchema: Json }) => statingStorableText(jsonSchema) } : {}),
  }) as Json;
  return rest;
}

const propertiesOf = (schema: Json | undefined) => (schema?.properties ?? {}) as Record<string, Json>;
const requiredOf = (schema: Json | undefined) => (schema?.required ?? []) as string[];

function parameters(spec: RouteSpec): Json[] {
  const params = spec.request?.params ? jsonSchema(spec.request.params, 'input') : undefined;
  const query = spec.request?.query ? jsonSchema(spec.request.query, 'input') : undefined;
  const inPath = [...spec.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: propertiesOf(params)[name!] ?? { type: 'string', pattern: storableTextPattern },
  }));
  const inQuery = Object.entries(propertiesOf(query)).map(([name, schema]) => ({ name, in: 'query', required: requiredOf(query).includes(name), schema }));
  const idempotencyKey = spec.command
    ? [
        {
          name: IDEMPOTENCY_HEADER,
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: the same key with the same request within 24 h returns the first answer (marked `Idempotent-Replayed: true`) and sends no second command. Keys are scoped per user.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
      ]
    : [];
  return [...inPath, ...inQuery, ...idempotencyKey];
}

/** Most handlers answer `{ data }`; list bodies already carry their own `{ data, meta }`. */
function bodySchema(schema: z.ZodType, raw = false): Json {
  const body = jsonSchema(schema, 'output');
  const isEnvelope = body.type === 'object' && 'data' in propertiesOf(body) && requiredOf(body).includes('data');
  return raw || isEnvelope ? body : { type: 'object', required: ['data'], properties: { data: body } };
}

/** A form body, either encoding, with the same fields. */
const formContent = (schema: z.ZodType): Json => Object.fromEntries(formMediaTypes.map((type) => [type, { schema: jsonSchema(schema, 'input') }]));

/** A multipart upload: its fields, the `file` one being bytes. */
function uploadContent(schema: z.ZodType): Json {
  const json = jsonSchema(schema, 'input');
  const properties = { ...propertiesOf(json), file: { type: 'string', format: 'binary', description: 'The content; its type is sniffed from the bytes.' } };
  return { 'multipart/form-data': { schema: { ...json, properties } } };
}

/** An event of a `text/event-stream` answer, as an EventSource reads it: its fields, not the bytes. */
const serverSentEvent: Json = {
  type: 'object',
  properties: { event: { type: 'string' }, id: { type: 'string' }, data: { type: 'string' }, retry: { type: 'integer', minimum: 0 } },
};

/** A document that is not JSON is bytes, except a stream of server-sent events, described per event. */
const mediaTypeSchema = (mediaType: string): Json => (mediaType === 'text/event-stream' ? serverSentEvent : { type: 'string', format: 'binary' });

function success(spec: RouteSpec, response: ResponseSpec): Json {
  const own = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]));
  const replayed = spec.command
    ? { [REPLAYED_HEADER]: { description: '`true` when this is the stored answer to a retried Idempotency-Key.', schema: { type: 'string' } } }
    : {};
  return {
    description: response.description,
    headers: { ...rateLimitHeaderRefs, ...own, ...replayed },
    ...(response.body || response.mediaType
      ? {
          // Both when the client picks one by Accept (e.g. an HTML page for a browser, JSON for an API client).
          content: {
            ...(response.body ? { 'application/json': { schema: bodySchema(response.body, response.raw) } } : {}),
            ...(response.mediaType ? { [response.mediaType]: { schema: mediaTypeSchema(response.mediaType) } } : {}),
          },
        }
      : {}),
  };
}

function operationId(spec: RouteSpec): string {
  const words = spec.path
    .replace(/^\/api\//, '')
    .split(/[/\-_.]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [spec.method, ...words.flatMap((word) => word.split('-'))]
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

/** Bearer, or the route's token cookie (`sc_stream`) where it accepts one. */
function security(spec: RouteSpec): Json[] {
  if (spec.access === 'public') return [];
  const schemes = [{ bearerAuth: [] }, ...(spec.tokenCookie ? [{ streamCookie: [] }] : [])];
  return spec.access === 'anyone' ? [{}, ...schemes] : schemes;
}

function operation(spec: RouteSpec): Json {
  const roles = spec.access === 'public' || spec.access === 'anyone' || spec.access === 'authenticated' ? undefined : [...spec.access];
  const who =
    spec.access === 'public'
      ? 'Public.'
      : spec.access === 'anyone'
        ? 'Public; a bearer token, when sent, identifies the caller (owners and admins see more).'
        : roles
          ? `Requires a bearer token with the role ${roles.join(' or ')}.`
          : 'Requires a bearer token.';
  const cookie = spec.tokenCookie ? ` The \`${spec.tokenCookie}\` cookie may carry the token instead.` : '';
  const parameterList = parameters(spec);
  return {
    operationId: operationId(spec),
    summary: spec.summary,
    description: `${who}${cookie} Rate limit policy: \`${policyOf(spec)}\`.`,
    tags: [spec.tag],
    security: security(spec),
    ...(roles ? { 'x-roles': roles } : {}),
    'x-rate-limit-policy': policyOf(spec),
    ...(parameterList.length ? { parameters: parameterList } : {}),
    ...(spec.request?.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.request.body, 'input') } } } } : {}),
    ...(spec.request?.form ? { requestBody: { required: false, content: formContent(spec.request.form) } } : {}),
    ...(spec.request?.upload ? { requestBody: { required: true, content: uploadContent(spec.request.upload) } } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(spec.responses).map(([status, response]) => [status, success(spec, response)])),
      ...operationErrors(spec),
    },
  };
}

/** The process endpoints the HTTP scaffold adds to every service, outside the route table. */
const probes: Json = {
  '/health': {
    get: { operationId: 'health', summary: 'Liveness: the process answers', tags: ['operations'], security: [], responses: { 200: { description: 'Alive' } } },
  },
  '/ready': {
    get: {
      operationId: 'ready',
      summary: 'Readiness: Kafka, the registry, Redis and every service are reachable (operators only: `X-Internal-Token`, else 401)',
      tags: ['operations'],
      security: [],
      responses: {
        200: { description: 'Ready; `data.checks` has `ok` for each dependency' },
        503: { description: 'Not ready; `data.checks` names what failed' },
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics (operators only: `X-Internal-Token`, else 401)',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
};

/** OpenAPI 3.1 for the route table: the same specs that mount the routes describe them. */
export function openApiDocument(specs: readonly RouteSpec[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const spec of specs) (paths[openApiPath(spec.path)] ??= {})[spec.method] = operation(spec);
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description: [
        'The public API of SmartCourse. Success bodies are `{ "data": … }` (lists add `meta`); errors are `{ "error": { "code", "message", "details"? } }`.',
        'Commands answer 200/201 with the result, or 202 with `Location: /api/commands/{id}` when the result is late; send `Idempotency-Key` to retry them safely.',
        'Text fields refuse NUL (U+0000) and lone UTF-16 surrogates, which no store accepts (400 `VALIDATION_ERROR` naming the field); the patterns of text fields state NUL.',
        'Every route is rate limited (`RateLimit-*` headers on every answer, 429 with `Retry-After` past the limit). An unknown path is 404 `NOT_FOUND`; a known path with another method is 405 `METHOD_NOT_ALLOWED` with `Allow`.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: [...new Set([...specs.map((spec) => spec.tag), 'operations'])].map((name) => ({ name })),
    paths: { ...paths, ...probes },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from `POST /api/auth/login`.' },
        streamCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: STREAM_COOKIE,
          description:
            'The access token again, set by a cookie-mode login or refresh for the notification stream only (a browser EventSource cannot send Authorization).',
        },
      },
      schemas: errorSchemas,
      headers: rateLimitHeaders,
      responses: sharedErrorResponses(),
    },
  };
}
