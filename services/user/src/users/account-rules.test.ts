import { describe, expect, it } from '@jest/globals';
import { decideDeactivation, decideErasure, decideReactivation, decideRoleChange, erasedIdentity } from './rules.js';
import { sampleUser } from './sample-user.js';

const admin = { userId: 'admin-1', role: 'admin' };
const student = { userId: 'u-2', role: 'student' };

describe('role changes', () => {
  it('lets an admin change another user’s role and remembers the previous one', () => {
    expect(decideRoleChange(sampleUser(), { actor: admin, role: 'instructor' })).toEqual({
      kind: 'accepted',
      change: { role: 'instructor', previousRole: 'student' },
    });
  });

  it('refuses non-admins, unknown roles, unknown users and the admin’s own role', () => {
    expect(decideRoleChange(sampleUser(), { actor: student, role: 'admin' })).toMatchObject({ rejection: { code: 'FORBIDDEN' } });
    expect(decideRoleChange(sampleUser(), { actor: admin, role: 'pilot' })).toMatchObject({ rejection: { code: 'VALIDATION_ERROR' } });
    expect(decideRoleChange(undefined, { actor: admin, role: 'admin' })).toMatchObject({ rejection: { code: 'USER_NOT_FOUND' } });
    expect(decideRoleChange(sampleUser({ status: 'erased' }), { actor: admin, role: 'admin' })).toMatchObject({ rejection: { code: 'USER_NOT_FOUND' } });
    expect(decideRoleChange(sampleUser({ id: 'admin-1', role: 'admin' }), { actor: admin, role: 'student' })).toMatchObject({
      rejection: { code: 'CANNOT_CHANGE_OWN_ROLE' },
    });
  });

  it('treats setting the same role as nothing to do', () => {
    expect(decideRoleChange(sampleUser(), { actor: admin, role: 'student' })).toEqual({ kind: 'unchanged' });
  });
});

describe('account status', () => {
  it('deactivates once, never the admin themself', () => {
    expect(decideDeactivation(sampleUser(), { actor: admin })).toEqual({ kind: 'accepted', change: { status: 'deactivated' } });
    expect(decideDeactivation(sampleUser({ status: 'deactivated' }), { actor: admin })).toEqual({ kind: 'unchanged' });
    expect(decideDeactivation(sampleUser({ id: 'admin-1' }), { actor: admin })).toMatchObject({ rejection: { code: 'CANNOT_DEACTIVATE_SELF' } });
    expect(decideDeactivation(sampleUser(), { actor: student })).toMatchObject({ rejection: { code: 'FORBIDDEN' } });
  });

  it('reactivates a deactivated account, not an erased one', () => {
    expect(decideReactivation(sampleUser({ status: 'deactivated' }), { actor: admin })).toEqual({ kind: 'accepted', change: { status: 'active' } });
    expect(decideReactivation(sampleUser(), { actor: admin })).toEqual({ kind: 'unchanged' });
    expect(decideReactivation(sampleUser({ status: 'erased' }), { actor: admin })).toMatchObject({ rejection: { code: 'USER_NOT_FOUND' } });
  });

  it('erases once and idempotently, never the admin themself', () => {
    expect(decideErasure(sampleUser(), { actor: admin })).toEqual({ kind: 'accepted', change: { status: 'erased' } });
    expect(decideErasure(sampleUser({ status: 'erased' }), { actor: admin })).toEqual({ kind: 'unchanged' });
    expect(decideErasure(sampleUser({ id: 'admin-1' }), { actor: admin })).toMatchObject({ rejection: { code: 'CANNOT_ERASE_SELF' } });
    expect(decideErasure(sampleUser(), { actor: student })).toMatchObject({ rejection: { code: 'FORBIDDEN' } });
  });

  it('leaves no personal data in an erased identity', () => {
    const identity = erasedIdentity('u-1');
    expect(identity).toEqual({ email: 'erased+u-1@invalid', fullName: '', bio: null, avatarFileId: null });
  });
});
