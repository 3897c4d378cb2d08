import { describe, expect, it } from '@jest/globals';
import { AppError } from './errors.js';
import { asError, isTransient } from './faults.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
const named = (name: string, message = 'failed') => Object.assign(new Error(message), { name });

describe('telling a passing fault from a lasting one', () => {
  it('counts unreachable peers and overloaded or restarting databases as transient', () => {
    expect(isTransient(withCode('ECONNREFUSED'))).toBe(true);
    expect(isTransient(withCode('53300', 'too many connections for database "x"'))).toBe(true);
    expect(isTransient(withCode('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isTransient(withCode('08006'))).toBe(true);
    expect(isTransient(withCode('40P01', 'deadlock detected'))).toBe(true);
    expect(isTransient(named('KnexTimeoutError', 'Knex: Timeout acquiring a connection'))).toBe(true);
    expect(isTransient(named('MongoServerSelectionError'))).toBe(true);
    expect(isTransient(named('MaxRetriesPerRequestError'))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('looks through wrapping errors for the fault', () => {
    const wrapped = new Error('query failed', { cause: withCode('ECONNRESET') });
    expect(isTransient(wrapped)).toBe(true);
    const kafkaRetriesExceeded = Object.assign(named('KafkaJSNumberOfRetriesExceeded'), { retriable: false, originalError: named('KafkaJSConnectionError') });
    expect(isTransient(kafkaRetriesExceeded)).toBe(true);
  });

  it('counts business refusals, constraint violations and bugs as lasting', () => {
    expect(isTransient(new AppError({ code: 'USER_NOT_FOUND', message: 'no', cause: withCode('ECONNREFUSED') }))).toBe(false);
    expect(isTransient(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });

  it('trusts an AppError that says it is retriable', () => {
    expect(isTransient(new AppError({ code: 'REGISTRY_UNAVAILABLE', message: 'down', retriable: true }))).toBe(true);
  });

  it('turns a thrown non-Error value into an Error', () => {
    expect(asError('plain string')).toBeInstanceOf(Error);
    expect(asError('plain string').message).toBe('plain string');
    expect(asError({ reason: 'odd' }).message).toContain('"reason":"odd"');
    expect(asError(undefined)).toBeInstanceOf(Error);
  });
});
