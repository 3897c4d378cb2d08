import { describe, expect, it } from '@jest/globals';
import { fieldIssues, statusOfCode } from './errors.js';

describe('error mapping', () => {
  it('maps business codes of command results to HTTP statuses from the contracts table', () => {
    expect(statusOfCode('VALIDATION_ERROR')).toBe(400);
    expect(statusOfCode('FORBIDDEN')).toBe(403);
    expect(statusOfCode('USER_NOT_FOUND')).toBe(404);
    expect(statusOfCode('CANNOT_ERASE_SELF')).toBe(409);
    expect(statusOfCode('COMMAND_DEAD_LETTERED')).toBe(500);
    expect(statusOfCode('SERVICE_UNAVAILABLE')).toBe(503);
  });

  it('answers 500 for a code the table does not list, never a guessed 409 or 404', () => {
    expect(statusOfCode('ENROLLMENT_CLOSED')).toBe(500);
    expect(statusOfCode('LESSON_NOT_DONE')).toBe(500);
    expect(statusOfCode('toString')).toBe(500);
  });

  it('lists each unknown key as its own field issue', () => {
    expect(fieldIssues([{ path: [], message: 'x', code: 'unrecognized_keys', keys: ['a', 'b'] }])).toEqual([
      { path: 'a', message: 'unknown field' },
      { path: 'b', message: 'unknown field' },
    ]);
    expect(fieldIssues([{ path: ['profile', 'name'], message: 'too long' }])).toEqual([{ path: 'profile.name', message: 'too long' }]);
  });
});
