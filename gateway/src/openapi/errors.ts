import type { ErrorSpec, RouteSpec } from '../routing/spec.js';

type Json = Record<string, unknown>;

/** An error every route of a kind can answer, whatever its own business errors. */
interface SharedError extends ErrorSpec {
  appliesTo(spec: RouteSpec): boolean;
}

const always = () => true;
const hasBody = (spec: RouteSpec) => Boolean(spec.request?.body);
const signedIn = (spec: RouteSpec) => spec.access !== 'public';
const isCommand = (spec: RouteSpec) => Boolean(spec.command);

export const sharedErrors: SharedError[] = [
  { status: 400, code: 'VALIDATION_ERROR', description: 'The input does not match the schema; `details` lists each field.', appliesTo: always },
  { status: 400, code: 'MALFORMED_JSON', description: 'The body is not valid JSON.', appliesTo: hasBody },
  { status: 400, code: 'MALFORMED_URL', description: 'A path parameter has a broken percent-escape.', appliesTo: (spec) => spec.path.includes(':') },
  { status: 401, code: 'UNAUTHORIZED', description: 'No valid bearer access token.', appliesTo: signedIn },
  { status: 403, code: 'FORBIDDEN', description: 'The token is valid but its role may not do this.', appliesTo: signedIn },
  { status: 409, code: 'IDEMPOTENCY_IN_PROGRESS', description: 'A request with this Idempotency-Key is still running; retry after `Retry-After`.', appliesTo: isCommand },
  { status: 413, code: 'PAYLOAD_TOO_LARGE', description: 'The body is larger than the limit (BODY_LIMIT).', appliesTo: hasBody },
  { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', description: 'This Idempotency-Key was used for a different request.', appliesTo: isCommand },
  { status: 429, code: 'RATE_LIMITED', description: 'Too many requests; wait `Retry-After` seconds.', appliesTo: always },
  { status: 500, code: 'INTERNAL_ERROR', description: 'Something went wrong on our side (no internals are shown).', appliesTo: always },
  { status: 503, code: 'SERVICE_UNAVAILABLE', description: 'A service or Kafka is unavailable; retry later.', appliesTo: always },
];

/** Errors of a path rather than an operation; documented once under components. */
const pathErrors: ErrorSpec[] = [
  { status: 404, code: 'NOT_FOUND', description: 'No route has this path.' },
  { status: 405, code: 'METHOD_NOT_ALLOWED', description: 'The path exists but not with this method; `Allow` lists the methods.' },
];

export const rateLimitHeaders: Json = {
  'RateLimit-Limit': { description: 'Requests allowed in the window of this route’s policy.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in the current window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window resets.', schema: { type: 'integer' } },
  'RateLimit-Policy': { description: 'The policy, e.g. `20;w=60` (20 requests per 60 s).', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
};

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
export const rateLimitHeaderRefs = Object.fromEntries(
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'].map((name) => [name, headerRef(name)]),
);

export const errorSchemas: Json = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stable upper-case code' },
          message: { type: 'string' },
          details: { description: 'More about the error, e.g. the fields of a VALIDATION_ERROR' },
        },
      },
    },
  },
  FieldIssue: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
};

/** One response for all the errors a status stands for, with their codes as an enum. */
export function errorResponse(status: number, errors: readonly ErrorSpec[]): Json {
  const codes = [...new Set(errors.map((error) => error.code))];
  const details = codes.includes('VALIDATION_ERROR') ? { details: { type: 'array', items: { $ref: '#/components/schemas/FieldIssue' } } } : {};
  return {
    description: errors.map((error) => `\`${error.code}\`: ${error.description}`).join('\n\n'),
    ...(status === 429 ? { headers: { ...rateLimitHeaderRefs, 'Retry-After': headerRef('Retry-After') } } : {}),
    ...(status === 405 ? { headers: { Allow: { description: 'The methods this path answers.', schema: { type: 'string' } } } } : {}),
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Error' },
            { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes }, ...details } } } },
          ],
        },
      },
    },
  };
}

function byStatus(errors: readonly ErrorSpec[]): Map<number, ErrorSpec[]> {
  const grouped = new Map<number, ErrorSpec[]>();
  for (const error of errors) grouped.set(error.status, [...(grouped.get(error.status) ?? []), error]);
  return grouped;
}

/** The error responses of one operation: the shared ones that apply, merged with its own. */
export function operationErrors(spec: RouteSpec): Json {
  const errors = [...sharedErrors.filter((error) => error.appliesTo(spec)), ...(spec.errors ?? [])];
  return Object.fromEntries([...byStatus(errors)].sort(([a], [b]) => a - b).map(([status, list]) => [String(status), errorResponse(status, list)]));
}

/** Every shared error, one response per status, for readers and for reuse. */
export function sharedErrorResponses(): Json {
  return Object.fromEntries([...byStatus([...sharedErrors, ...pathErrors])].map(([status, list]) => [`Error${status}`, errorResponse(status, list)]));
}
