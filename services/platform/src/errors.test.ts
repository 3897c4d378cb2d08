import { describe, expect, it } from '@jest/globals';
import { AppError, fieldIssues } from './errors.js';

const statusOfReported = (code: string) => AppError.reported({ code, message: 'm' }).status;

describe('error mapping', () => {
  it('takes the HTTP status of an error from the contracts table', () => {
    expect(new AppError({ code: 'VALIDATION_ERROR', message: 'm' }).status).toBe(400);
    expect(new AppError({ code: 'CANNOT_ERASE_SELF', message: 'm' }).status).toBe(409);
    expect(statusOfReported('FORBIDDEN')).toBe(403);
    expect(statusOfReported('USER_NOT_FOUND')).toBe(404);
    expect(statusOfReported('COMMAND_DEAD_LETTERED')).toBe(500);
    expect(statusOfReported('SERVICE_UNAVAILABLE')).toBe(503);
  });

  it('answers a reported code the table does not list as COMMAND_FAILED (500), never a guessed 409 or 404', () => {
    for (const code of ['ENROLLMENT_CLOSED', 'LESSON_NOT_DONE', 'toString']) {
      const error = AppError.reported({ code, message: 'm' });
      expect([error.code, error.status]).toEqual(['COMMAND_FAILED', 500]);
    }
  });

  it('lists each unknown key as its own field issue', () => {
    expect(fieldIssues([{ path: [], message: 'x', code: 'unrecognized_keys', keys: ['a', 'b'] }])).toEqual([
      { path: 'a', message: 'unknown field' },
      { path: 'b', message: 'unknown field' },
    ]);
    expect(fieldIssues([{ path: ['profile', 'name'], message: 'too long' }])).toEqual([{ path: 'profile.name', message: 'too long' }]);
  });
});
