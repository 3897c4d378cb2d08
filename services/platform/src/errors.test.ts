import { describe, expect, it } from '@jest/globals';
import { fieldIssues, statusOfCode } from './errors.js';

describe('error mapping', () => {
  it('maps business codes of command results to HTTP statuses', () => {
    expect(statusOfCode('VALIDATION_ERROR')).toBe(400);
    expect(statusOfCode('FORBIDDEN')).toBe(403);
    expect(statusOfCode('USER_NOT_FOUND')).toBe(404);
    expect(statusOfCode('ENROLLMENT_CLOSED')).toBe(409);
  });

  it('lists each unknown key as its own field issue', () => {
    expect(fieldIssues([{ path: [], message: 'x', code: 'unrecognized_keys', keys: ['a', 'b'] }])).toEqual([
      { path: 'a', message: 'unknown field' },
      { path: 'b', message: 'unknown field' },
    ]);
    expect(fieldIssues([{ path: ['profile', 'name'], message: 'too long' }])).toEqual([{ path: 'profile.name', message: 'too long' }]);
  });
});
