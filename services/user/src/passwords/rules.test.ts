import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parsePasswordList, passwordProblems, resetLink, type PasswordPolicy } from './rules.js';

const shipped = parsePasswordList(readFileSync(new URL('../../data/common-passwords.txt', import.meta.url), 'utf8'));
const policy: PasswordPolicy = { minLength: 12, maxLength: 128, common: shipped };
const email = 'ada.lovelace@example.test';

describe('password policy', () => {
  it('accepts a long, uncommon password whatever characters it has', () => {
    expect(passwordProblems(policy, 'violet staircase at noon', email)).toEqual([]);
    expect(passwordProblems(policy, 'alllowercaseletters', email)).toEqual([]);
  });

  it('refuses fewer than the minimum number of characters, counted in code points', () => {
    expect(passwordProblems(policy, 'short-pass1', email)).toEqual(['must be at least 12 characters']);
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordProblems(policy, '🔑'.repeat(11), email)).toEqual(['must be at least 12 characters']);
    expect(passwordProblems(policy, '🔑'.repeat(12), email)).toEqual([]);
    expect(passwordProblems({ ...policy, minLength: 15 }, 'fourteen-chars', email)).toEqual(['must be at least 15 characters']);
  });

  it('allows at least 64 characters and refuses more than the maximum', () => {
    expect(passwordProblems(policy, 'x'.repeat(64) + 'y'.repeat(64), email)).toEqual([]);
    expect(passwordProblems(policy, '🔑'.repeat(128), email)).toEqual([]);
    expect(passwordProblems(policy, 'z'.repeat(129), email)).toEqual(['must be at most 128 characters']);
  });

  it('refuses the account’s email address and its local part, in any case', () => {
    expect(passwordProblems(policy, 'Ada.Lovelace@Example.test', email)).toEqual(['must not be your email address']);
    expect(passwordProblems(policy, 'ADA.LOVELACE', email)).toEqual(['must not be your email address']);
  });

  it('refuses common passwords from the shipped list, in any case', () => {
    expect(shipped.size).toBeGreaterThan(3000);
    expect(passwordProblems(policy, 'qwerty123456', email)).toEqual(['is too common']);
    expect(passwordProblems(policy, 'QWERTY123456', email)).toEqual(['is too common']);
    expect(passwordProblems({ ...policy, minLength: 8 }, 'password', email)).toEqual(['is too common']);
  });

  it('parses one password per line, lower case, without blank lines', () => {
    expect([...parsePasswordList('One\ntwo\r\n\nthree\n')]).toEqual(['one', 'two', 'three']);
  });

  it('links to the frontend’s reset page', () => {
    expect(resetLink('https://app.example.test/', 'abc_-123')).toBe('https://app.example.test/reset-password?token=abc_-123');
  });
});
