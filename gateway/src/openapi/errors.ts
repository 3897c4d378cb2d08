import { errorCodes, type ErrorCode } from '@smartcourse/contracts';
import type { ErrorSpec, RouteSpec } from '../routing/spec.js';

type Json = Record<string, unknown>;

/** An error every route of a kind can answer, whatever its own business errors. */
interface SharedError extends ErrorSpec {
  appliesTo(spec: RouteSpec): boolean;
}

const always = () => true;
const hasBody = (spec: RouteSpec) => Boolean(spec.request?.body);
const hasForm = (spec: RouteSpec) => Boolean(spec.request?.form);
const hasUpload = (spec: RouteSpec) => Boolean(spec.request?.upload);
const signedIn = (spec: RouteSpec) => spec.access !== 'public';
const isCommand = (spec: RouteSpec) => Boolean(spec.command);

export const sharedErrors: SharedError[] = [
  { code: 'VALIDATION_ERROR', appliesTo: always },
  { code: 'MALFORMED_JSON', appliesTo: hasBody },
  { code: 'MALFORMED_URL', appliesTo: (spec) => spec.path.includes(':') },
  { code: 'UNAUTHORIZED', description: 'No valid bearer access token.', appliesTo: signedIn },
  { code: 'FORBIDDEN', description: 'The token is valid but its role may not do this.', appliesTo: signedIn },
  { code: 'IDEMPOTENCY_IN_PROGRESS', appliesTo: isCommand },
  { code: 'PAYLOAD_TOO_LARGE', description: 'The body is larger than the limit (BODY_LIMIT).', appliesTo: hasBody },
  { code: 'PAYLOAD_TOO_LARGE', description: 'The form has more or longer fields than the route takes.', appliesTo: hasForm },
  { code: 'UNSUPPORTED_MEDIA_TYPE', description: 'The body is neither a form (urlencoded or multipart, no file) nor empty.', appliesTo: hasForm },
  { code: 'UNSUPPORTED_MEDIA_TYPE', description: 'The body is not multipart/form-data.', appliesTo: hasUpload },
  { code: 'IDEMPOTENCY_KEY_REUSED', appliesTo: isCommand },
  { code: 'RATE_LIMITED', appliesTo: always },
  { code: 'INTERNAL_ERROR', appliesTo: always },
  { code: 'COMMAND_DEAD_LETTERED', appliesTo: isCommand },
  { code: 'SERVICE_UNAVAILABLE', description: 'A service or Kafka is unavailable; retry later.', appliesTo: always },
];

/** Errors of a path rather than an operation; documented once under components. */
const pathErrors: ErrorSpec[] = [{ code: 'NOT_FOUND' }, { code: 'METHOD_NOT_ALLOWED' }];

const statusOf = (error: ErrorSpec) => errorCodes[error.code].status;
const descriptionOf = (error: ErrorSpec) => error.description ?? errorCodes[error.code].description;

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
  OrderMismatch: {
    type: 'object',
    required: ['field', 'missing', 'unknown', 'repeated'],
    properties: {
      field: { type: 'string', description: 'The list that does not match' },
      missing: { type: 'array', items: { type: 'string' }, description: 'Current ids the list leaves out' },
      unknown: { type: 'array', items: { type: 'string' }, description: 'Ids in the list that are not current' },
      repeated: { type: 'array', items: { type: 'string' }, description: 'Ids the list names more than once' },
    },
  },
};

/** The shape of `details` for the codes whose details clients read field by field. */
const detailsOf: Partial<Record<ErrorCode, Json>> = {
  VALIDATION_ERROR: { type: 'array', items: { $ref: '#/components/schemas/FieldIssue' } },
  ORDER_MISMATCH: { $ref: '#/components/schemas/OrderMismatch' },
};

/** One response for all the errors a status stands for, with their codes as an enum. */
export function errorResponse(status: number, errors: readonly ErrorSpec[]): Json {
  const codes = [...new Set(errors.map((error) => error.code))];
  const shapes = codes.flatMap((code) => detailsOf[code] ?? []);
  const details = shapes.length === 0 ? {} : { details: shapes.length === 1 ? shapes[0] : { anyOf: shapes } };
  return {
    description: errors.map((error) => `\`${error.code}\`: ${descriptionOf(error)}`).join('\n\n'),
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
  for (const error of errors) grouped.set(statusOf(error), [...(grouped.get(statusOf(error)) ?? []), error]);
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
