import { Role, UpdateProfileRequest, type ErrorCode } from '@smartcourse/contracts';
import { fieldIssues, reject, type Actor, type Decision, type Rejection } from '@smartcourse/platform';

export type AccountStatus = 'active' | 'deactivated' | 'erased';

export interface User {
  id: string;
  email: string;
  fullName: string;
  bio: string | null;
  avatarFileId: string | null;
  role: Role;
  status: AccountStatus;
  emailVerifiedAt: Date | null;
  lastLoginAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ProfileDecision =
  { kind: 'updated'; fullName: string; bio: string | null; avatarFileId: string | null } | { kind: 'rejected'; rejection: Rejection };

export interface ProfileChange {
  actor: Actor;
  userId: string;
  fullName: string | null;
  bio: string | null;
  /** Null leaves the avatar as it is; `clear` naming `avatarFileId` removes it. */
  avatarFileId?: string | null;
  clear?: readonly string[];
}

/** Whether the actor may act on this user's own data: the user themself or an admin. */
export function mayActOn(actor: Actor, userId: string): boolean {
  return actor.userId === userId || actor.role === 'admin';
}

/** Decides a profile change: who may make it, what is valid, and the profile after it. */
export function decideProfileUpdate(user: User | undefined, change: ProfileChange): ProfileDecision {
  if (!mayActOn(change.actor, change.userId)) {
    return { kind: 'rejected', rejection: { code: 'FORBIDDEN', message: "You may not change another user's profile." } };
  }
  if (!user) return { kind: 'rejected', rejection: { code: 'USER_NOT_FOUND', message: 'No such user.' } };
  const parsed = UpdateProfileRequest.safeParse({
    ...(change.fullName === null ? {} : { fullName: change.fullName }),
    ...(change.bio === null ? {} : { bio: change.bio }),
    ...(change.avatarFileId ? { avatarFileId: change.avatarFileId } : {}),
    ...(change.clear?.includes('avatarFileId') ? { avatarFileId: null } : {}),
  });
  if (!parsed.success) {
    return {
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', message: 'The profile change is not valid.', details: fieldIssues(parsed.error.issues) },
    };
  }
  const avatarFileId = parsed.data.avatarFileId === undefined ? user.avatarFileId : parsed.data.avatarFileId;
  return { kind: 'updated', fullName: parsed.data.fullName ?? user.fullName, bio: parsed.data.bio ?? user.bio, avatarFileId };
}

/** The public view of a user. */
export function profileOf(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    bio: user.bio,
    avatarFileId: user.avatarFileId,
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

const adminOnly = () => reject('FORBIDDEN', 'Only an admin may do this.');
const noSuchUser = () => reject('USER_NOT_FOUND', 'No such user.');

/** Checks every admin command shares: the actor is an admin acting on an existing account other than their own. */
function adminOnOther(actor: Actor, user: User | undefined, ownCode: ErrorCode) {
  if (actor.role !== 'admin') return adminOnly();
  if (!user || user.status === 'erased') return noSuchUser();
  if (actor.userId === user.id) return reject(ownCode, 'Admins may not do this to their own account.');
  return undefined;
}

export function decideRoleChange(user: User | undefined, command: { actor: Actor; role: string }): Decision<{ role: Role; previousRole: Role }> {
  const refused = adminOnOther(command.actor, user, 'CANNOT_CHANGE_OWN_ROLE');
  if (refused || !user) return refused ?? noSuchUser();
  const role = Role.safeParse(command.role);
  if (!role.success) return reject('VALIDATION_ERROR', 'Unknown role.', [{ path: 'role', message: `expected one of ${Role.options.join(', ')}` }]);
  if (role.data === user.role) return { kind: 'unchanged' };
  return { kind: 'accepted', change: { role: role.data, previousRole: user.role } };
}

export function decideDeactivation(user: User | undefined, command: { actor: Actor }): Decision<{ status: 'deactivated' }> {
  const refused = adminOnOther(command.actor, user, 'CANNOT_DEACTIVATE_SELF');
  if (refused || !user) return refused ?? noSuchUser();
  return user.status === 'deactivated' ? { kind: 'unchanged' } : { kind: 'accepted', change: { status: 'deactivated' } };
}

export function decideReactivation(user: User | undefined, command: { actor: Actor }): Decision<{ status: 'active' }> {
  if (command.actor.role !== 'admin') return adminOnly();
  if (!user || user.status === 'erased') return noSuchUser();
  return user.status === 'active' ? { kind: 'unchanged' } : { kind: 'accepted', change: { status: 'active' } };
}

/** Erasure is final and idempotent: erasing an erased account changes nothing. */
export function decideErasure(user: User | undefined, command: { actor: Actor }): Decision<{ status: 'erased' }> {
  if (command.actor.role !== 'admin') return adminOnly();
  if (!user) return noSuchUser();
  if (user.status === 'erased') return { kind: 'unchanged' };
  if (command.actor.userId === user.id) return reject('CANNOT_ERASE_SELF', 'Admins may not erase their own account.');
  return { kind: 'accepted', change: { status: 'erased' } };
}

/** What is left of an account after erasure: no email, name, bio or avatar; the id stays for references. */
export function erasedIdentity(userId: string) {
  return { email: `erased+${userId}@invalid`, fullName: '', bio: null, avatarFileId: null };
}
