import { describe, expect, it } from '@jest/globals';
import type { FileFacts } from '@smartcourse/contracts';
import { unusable } from './usable-files.js';

const owner = { userId: '7a0c0d1e-0000-4000-8000-000000000001', role: 'student' };
const facts = (overrides: Partial<FileFacts> = {}): FileFacts => ({
  id: '7a0c0d1e-0000-4000-8000-00000000000f',
  ownerId: owner.userId,
  purpose: 'submission',
  status: 'ready',
  ...overrides,
});

describe('file references', () => {
  it("takes the caller's own ready file of the field's purpose, and an admin's reference to anyone's", () => {
    expect(unusable(facts(), { purpose: 'submission' }, owner)).toBeUndefined();
    expect(unusable(facts(), { purpose: 'submission' }, { userId: '7a0c0d1e-0000-4000-8000-000000000002', role: 'admin' })).toBeUndefined();
  });

  it('says why any other file cannot be used', () => {
    expect(unusable(undefined, { purpose: 'submission' }, owner)).toBe('not-found');
    expect(unusable(facts({ status: 'deleted' }), { purpose: 'submission' }, owner)).toBe('not-found');
    expect(unusable(facts({ status: 'uploading' }), { purpose: 'submission' }, owner)).toBe('not-ready');
    expect(unusable(facts({ purpose: 'avatar' }), { purpose: 'submission' }, owner)).toBe('wrong-purpose');
    expect(unusable(facts(), { purpose: 'submission' }, { userId: '7a0c0d1e-0000-4000-8000-000000000003', role: 'instructor' })).toBe('not-yours');
  });
});
