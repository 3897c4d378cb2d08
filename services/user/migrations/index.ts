import type { Migration } from '@smartcourse/platform';
import { createUsers } from './0001_users.js';
import { accountStatus } from './0002_account_status.js';
import { sessions } from './0003_sessions.js';
import { instructorProfiles } from './0005_instructor_profiles.js';
import { mfa } from './0006_mfa.js';
import { credentialTokens } from './0004_credential_tokens.js';
import { avatars } from './0007_avatars.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [createUsers, accountStatus, sessions, instructorProfiles, mfa, credentialTokens, avatars];
