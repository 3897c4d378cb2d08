// Generated from contracts/schemas (latest version of each) by `npx tsx contracts/scripts/generate-types.ts`. Do not edit.

export interface Actor {
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

export interface UpdateProfile {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  fullName: string | null;
  bio: string | null;
}

export interface UserProfileUpdated {
  eventId: string;
  occurredAt: number;
  userId: string;
  fullName: string;
  bio: string | null;
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

/** Record type of each event and result topic. */
export interface TopicRecords {
  'command.results': CommandResult;
  'user.profile_updated': UserProfileUpdated;
  'user.registered': UserRegistered;
}

/** Record type of each command, by Avro full name. */
export interface CommandRecords {
  'smartcourse.commands.user.UpdateProfile': UpdateProfile;
}
