import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors.js';
import { isTransientMailError } from './faults.js';

const smtpError = (fields: { code?: string; responseCode?: number }) => Object.assign(new Error('smtp'), fields);

describe('isTransientMailError', () => {
  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET'])('counts %s as transient', (code) => {
    expect(isTransientMailError(smtpError({ code }))).toBe(true);
  });

  it('counts a 4xx reply as transient and a 5xx reply as permanent', () => {
    expect(isTransientMailError(smtpError({ code: 'EENVELOPE', responseCode: 451 }))).toBe(true);
    expect(isTransientMailError(smtpError({ code: 'EENVELOPE', responseCode: 550 }))).toBe(false);
    expect(isTransientMailError(smtpError({ code: 'EAUTH', responseCode: 535 }))).toBe(false);
  });

  it('looks through the cause of a wrapping error', () => {
    const wrapped = new AppError({ code: 'MAIL_DELIVERY_FAILED', message: 'x', cause: smtpError({ code: 'ESOCKET' }) });
    expect(isTransientMailError(wrapped)).toBe(true);
  });

  it('counts message errors and non-errors as permanent', () => {
    expect(isTransientMailError(smtpError({ code: 'EMESSAGE' }))).toBe(false);
    expect(isTransientMailError('ETIMEDOUT')).toBe(false);
    expect(isTransientMailError(undefined)).toBe(false);
  });
});
