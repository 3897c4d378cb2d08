import type { User } from './rules.js';

/** An active student account for rule tests; override what a test is about. */
export function sampleUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-1',
    email: 'ada@example.test',
    fullName: 'Ada Lovelace',
    bio: null,
    avatarFileId: null,
    role: 'student',
    status: 'active',
    emailVerifiedAt: null,
    lastLoginAt: null,
    version: 1,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...overrides,
  };
}
