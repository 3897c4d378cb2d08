/**
 * Tells a transient fault (a dependency that is down, slow or overloaded, which will pass)
 * from one that will happen again on every attempt. Mail failures arrive already classified
 * (`MAIL_DELIVERY_FAILED` with `retriable` from `isTransientMailError`). Consumers wait out transient faults for as
 * long as they last and dead-letter only what can never succeed.
 */

/** Socket-level codes of Node, pg, ioredis and undici for a peer that cannot be reached. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * SQLSTATEs of Postgres that pass: connection exceptions (class 08), shutdown and start-up,
 * too many connections, serialization failures and deadlocks (retry the transaction), a lock or
 * statement timeout.
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '53300', '55P03', '57014', '57P01', '57P02', '57P03', '58000', '58030']);

const TRANSIENT_NAMES = new Set([
  'KnexTimeoutError',
  'MaxRetriesPerRequestError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection is closed/i,
  /client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /buffering timed out/i,
  /is not currently accepting connections/i,
  /too many connections/i,
  /fetch failed/i,
];

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  retriable?: unknown;
  errorLabels?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

function isTransientOne(error: ErrorLike): boolean {
  if (error.retriable === true) return true; // AppError and kafkajs errors say so themselves
  if (typeof error.code === 'string') {
    if (NETWORK_ERROR_CODES.has(error.code)) return true;
    if (/^08/.test(error.code) || TRANSIENT_SQLSTATES.has(error.code)) return true;
  }
  if (typeof error.name === 'string' && TRANSIENT_NAMES.has(error.name)) return true;
  if (Array.isArray(error.errorLabels) && error.errorLabels.some((label) => label === 'RetryableWriteError' || label === 'TransientTransactionError'))
    return true;
  return typeof error.message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message as string));
}

/** True when the error, or one it wraps, is a fault that passes by itself. */
export function isTransient(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as ErrorLike;
    if (candidate.retriable === false && depth === 0 && candidate.name === 'AppError') return false; // a verdict, not a fault
    if (isTransientOne(candidate)) return true;
    current = candidate.cause ?? candidate.originalError;
  }
  return false;
}

/** Whatever was thrown, as an Error (a thrown string or object must not crash a consumer). */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  const error = new Error(typeof thrown === 'string' ? thrown : `non-Error value thrown: ${safeJson(thrown)}`);
  error.name = 'NonErrorThrown';
  return error;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
