import { describe, expect, it } from '@jest/globals';
import { sampleUser } from '../users/sample-user.js';
import { decideInstructorProfile } from './rules.js';

const instructor = sampleUser({ id: 'i-1', email: 'grace@example.test', fullName: 'Grace', role: 'instructor' });
const profile = { userId: 'i-1', title: ' Professor ', bio: 'Compilers', expertise: ['cobol', 'cobol', 'navy'] };

describe('instructor profiles', () => {
  it('lets the instructor set their profile, trimmed and without duplicate expertise', () => {
    expect(decideInstructorProfile(instructor, { ...profile, actor: { userId: 'i-1', role: 'instructor' } })).toEqual({
      kind: 'accepted',
      change: { userId: 'i-1', title: 'Professor', bio: 'Compilers', expertise: ['cobol', 'navy'] },
    });
  });

  it('lets an admin set it, refuses anyone else', () => {
    expect(decideInstructorProfile(instructor, { ...profile, actor: { userId: 'a', role: 'admin' } }).kind).toBe('accepted');
    expect(decideInstructorProfile(instructor, { ...profile, actor: { userId: 'i-2', role: 'instructor' } })).toMatchObject({
      rejection: { code: 'FORBIDDEN' },
    });
  });

  it('refuses students and invalid profiles', () => {
    const admin = { userId: 'a', role: 'admin' };
    expect(decideInstructorProfile({ ...instructor, role: 'student' }, { ...profile, actor: admin })).toMatchObject({
      rejection: { code: 'NOT_AN_INSTRUCTOR' },
    });
    expect(decideInstructorProfile(instructor, { ...profile, title: '', actor: admin })).toMatchObject({
      rejection: { code: 'VALIDATION_ERROR', details: [{ path: 'title' }] },
    });
  });
});
