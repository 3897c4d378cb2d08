import { UpdateProfileRequest, type Role } from '@smartcourse/contracts';
import type { Actor } from '@smartcourse/platform';
import { fieldIssues } from '@smartcourse/platform';

export type AccountStatus = 'active' | 'deactivated' | 'erased';

export interface User {
  id: string;
  email: string;
  fullName: string;
  bio: string | null;
  role: Role;
  status: AccountStatus;
  emailVerifiedAt: Date | null;
  lastLoginAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Rejection {
  code: string;
  message: string;
  details?: unknown;
}

export type ProfileDecision = { kind: 'updated'; fullName: string; bio: string | null } | { kind: 'rejected'; rejection: Rejection };

export interface ProfileChange {
  actor: Actor;
  userId: string;
  fullName: string | null;
  bio: string | null;
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
  });
  if (!parsed.success) {
    return {
      kind: 'rejected',
      rejection: { code: 'VALIDATION_ERROR', message: 'The profile change is not valid.', details: fieldIssues(parsed.error.issues) },
    };
  }
  return { kind: 'updated', fullName: parsed.data.fullName ?? user.fullName, bio: parsed.data.bio ?? user.bio };
}

/** The public view of a user. */
export function profileOf(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    bio: user.bio,
    role: user.role,
    status: user.status,
    emailVerified: user.emailVerifiedAt !== null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
