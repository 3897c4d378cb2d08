// Generated from contracts/schemas (latest version of each) by `npx tsx contracts/scripts/generate-types.ts`. Do not edit.

export interface Actor {
  userId: string;
  role: string;
}

export interface ChangeRole {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  role: string;
}

export interface CommandResult {
  commandId: string;
  commandType: string;
  aggregateId: string;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  errorDetails: string | null;
  occurredAt: number;
}

export interface DeactivateUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  reason: string | null;
}

export interface EraseUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
}

export interface InstructorProfileUpdated {
  eventId: string;
  occurredAt: number;
  userId: string;
  title: string;
  bio: string;
  expertise: string[];
}

export interface ReactivateUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
}

export interface UpdateInstructorProfile {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  title: string;
  bio: string;
  expertise: string[];
}

export interface UpdateProfile {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  fullName: string | null;
  bio: string | null;
}

export interface UserDeactivated {
  eventId: string;
  occurredAt: number;
  userId: string;
  reason: string | null;
  by: string;
}

export interface UserEmailVerified {
  eventId: string;
  occurredAt: number;
  userId: string;
}

export interface UserErased {
  eventId: string;
  occurredAt: number;
  userId: string;
  by: string;
}

export interface UserProfileUpdated {
  eventId: string;
  occurredAt: number;
  userId: string;
  fullName: string;
  bio: string | null;
}

export interface UserReactivated {
  eventId: string;
  occurredAt: number;
  userId: string;
  by: string;
}

export interface UserRegistered {
  eventId: string;
  occurredAt: number;
  userId: string;
  email: string;
  fullName: string;
  role: string;
  emailVerified: boolean;
}

export interface UserRoleChanged {
  eventId: string;
  occurredAt: number;
  userId: string;
  role: string;
  previousRole: string;
  by: string;
}

/** Record type of each event and result topic. */
export interface TopicRecords {
  'command.results': CommandResult;
  'instructor.profile_updated': InstructorProfileUpdated;
  'user.deactivated': UserDeactivated;
  'user.email_verified': UserEmailVerified;
  'user.erased': UserErased;
  'user.profile_updated': UserProfileUpdated;
  'user.reactivated': UserReactivated;
  'user.registered': UserRegistered;
  'user.role_changed': UserRoleChanged;
}

/** Record type of each command, by Avro full name. */
export interface CommandRecords {
  'smartcourse.commands.user.ChangeRole': ChangeRole;
  'smartcourse.commands.user.DeactivateUser': DeactivateUser;
  'smartcourse.commands.user.EraseUser': EraseUser;
  'smartcourse.commands.user.ReactivateUser': ReactivateUser;
  'smartcourse.commands.user.UpdateInstructorProfile': UpdateInstructorProfile;
  'smartcourse.commands.user.UpdateProfile': UpdateProfile;
}
