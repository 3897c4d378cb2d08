import { describe, expect, it } from '@jest/globals';
import { AppError } from './errors.js';
import { isTransient } from './faults.js';
import { isStoreRefusal, storeRefusalOf } from './store-refusal.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe("telling a store's refusal of a value from a fault or a bug", () => {
  it('names Postgres data exceptions (class 22) and check violations as refusals, and none of them as transient', () => {
    for (const code of ['22021', '22003', '22001', '22P02', '22007', '23514']) {
      expect(storeRefusalOf(withCode(code))).toBe(code);
      expect(isTransient(withCode(code))).toBe(false);
    }
  });

  it('looks through a wrapping error', () => {
    expect(storeRefusalOf(new Error('insert failed', { cause: withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00') }))).toBe('22021');
  });

  it('leaves faults, other constraint violations, bugs and business refusals alone', () => {
    for (const code of ['23505', '23503', '40001', '08006', 'ECONNREFUSED', 'ERR_INVALID_ARG_TYPE']) expect(isStoreRefusal(withCode(code))).toBe(false);
    expect(isStoreRefusal(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreRefusal(Object.assign(new Error('mongo'), { code: 22 }))).toBe(false);
    expect(isStoreRefusal(new AppError({ code: 'COURSE_NOT_FOUND', message: 'no' }))).toBe(false);
  });
});
