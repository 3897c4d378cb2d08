import { InstructorProfileRequest } from '@smartcourse/contracts';
import { fieldIssues, type Actor, type Decision } from '@smartcourse/platform';
import type { User } from '../users/rules.js';

export interface InstructorProfile {
  userId: string;
  title: string;
  bio: string;
  expertise: string[];
}

/** An instructor sets their own public profile; an admin may set anyone's who is an instructor. */
export function decideInstructorProfile(
  user: User | undefined,
  command: { actor: Actor; userId: string; title: string; bio: string; expertise: string[] },
): Decision<InstructorProfile> {
  const own = command.actor.userId === command.userId && command.actor.role === 'instructor';
  if (!own && command.actor.role !== 'admin') {
    return { kind: 'rejected', rejection: { code: 'FORBIDDEN', message: "Only the instructor or an admin may change an instructor's profile." } };
  }
  if (!user || user.status === 'erased') return { kind: 'rejected', rejection: { code: 'USER_NOT_FOUND', message: 'No such user.' } };
  if (user.role !== 'instructor') return { kind: 'rejected', rejection: { code: 'NOT_AN_INSTRUCTOR', message: 'This user is not an instructor.' } };
  const parsed = InstructorProfileRequest.safeParse({ title: command.title, bio: command.bio, expertise: command.expertise });
  if (!parsed.success) {
    return { kind: 'rejected', rejection: { code: 'VALIDATION_ERROR', message: 'The profile is not valid.', details: fieldIssues(parsed.error.issues) } };
  }
  return { kind: 'accepted', change: { userId: user.id, ...parsed.data, expertise: [...new Set(parsed.data.expertise)] } };
}
