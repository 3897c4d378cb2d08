import { describe, expect, it } from '@jest/globals';
import { decideProfileUpdate, mayActOn } from './rules.js';
import { sampleUser } from './sample-user.js';

const user = sampleUser();
const self = { userId: 'u-1', role: 'student' };

describe('profile rules', () => {
  it('changes only the fields given', () => {
    expect(decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: null, bio: 'Analyst' })).toEqual({
      kind: 'updated',
      fullName: 'Ada Lovelace',
      bio: 'Analyst',
      avatarFileId: null,
    });
  });

  it('sets an avatar file, keeps it when not named, and removes it when cleared', () => {
    const avatar = '0b5c7c8e-4f5a-4d39-9f5e-7a1d2c3b4a59';
    expect(decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: null, bio: null, avatarFileId: avatar })).toEqual({
      kind: 'updated',
      fullName: 'Ada Lovelace',
      bio: null,
      avatarFileId: avatar,
    });
    const withAvatar = sampleUser({ avatarFileId: avatar });
    expect(decideProfileUpdate(withAvatar, { actor: self, userId: 'u-1', fullName: 'Ada', bio: null })).toMatchObject({ avatarFileId: avatar });
    expect(decideProfileUpdate(withAvatar, { actor: self, userId: 'u-1', fullName: null, bio: null, clear: ['avatarFileId'] })).toMatchObject({
      kind: 'updated',
      avatarFileId: null,
    });
    expect(decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: null, bio: null, avatarFileId: 'not-an-id' })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', details: [{ path: 'avatarFileId' }] },
    });
  });

  it('trims the name', () => {
    const decision = decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: '  Ada King ', bio: null });
    expect(decision).toEqual({ kind: 'updated', fullName: 'Ada King', bio: null, avatarFileId: null });
  });

  it("refuses a change to another user's profile", () => {
    const decision = decideProfileUpdate(user, { actor: { userId: 'u-2', role: 'student' }, userId: 'u-1', fullName: 'Eve', bio: null });
    expect(decision).toMatchObject({ kind: 'rejected', rejection: { code: 'FORBIDDEN' } });
  });

  it("lets an admin change another user's profile", () => {
    const decision = decideProfileUpdate(user, { actor: { userId: 'admin', role: 'admin' }, userId: 'u-1', fullName: 'Ada', bio: null });
    expect(decision.kind).toBe('updated');
  });

  it('refuses a change to a user that does not exist', () => {
    expect(decideProfileUpdate(undefined, { actor: self, userId: 'u-1', fullName: 'Ada', bio: null })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'USER_NOT_FOUND' },
    });
  });

  it('refuses an empty change and an over-long one with field details', () => {
    expect(decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: null, bio: null })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR' },
    });
    expect(decideProfileUpdate(user, { actor: self, userId: 'u-1', fullName: 'x'.repeat(121), bio: null })).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', details: [{ path: 'fullName' }] },
    });
  });

  it('knows who may act on a user', () => {
    expect(mayActOn(self, 'u-1')).toBe(true);
    expect(mayActOn(self, 'u-2')).toBe(false);
    expect(mayActOn({ userId: 'x', role: 'admin' }, 'u-2')).toBe(true);
  });
});
