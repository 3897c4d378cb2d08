/**
 * A store's refusal of a value: Postgres answers a data exception (SQLSTATE class 22: an invalid
 * byte sequence such as NUL, a number out of range, a string too long, text that is not a valid
 * uuid or number, …) or a check violation (23514). The same record meets the same refusal on
 * every attempt, so it is an invalid record, not a bug to retry: consumers dead-letter it at once
 * (a command gets a failed result with `INVALID_VALUE`) and the partition keeps flowing.
 */
const DATA_EXCEPTION = /^22[0-9A-Z]{3}$/;
const CHECK_VIOLATION = '23514';

/** The SQLSTATE of the refusal, when the error (or one it wraps) is a store refusing a value. */
export function storeRefusalOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && (DATA_EXCEPTION.test(code) || code === CHECK_VIOLATION)) return code;
    current = cause;
  }
  return undefined;
}

export const isStoreRefusal = (error: unknown): boolean => storeRefusalOf(error) !== undefined;
