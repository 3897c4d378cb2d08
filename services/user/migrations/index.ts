import { outboxInboxMigration, type Migration } from '@smartcourse/platform';
import { createUsers } from './0001_users.js';

/** Oldest first; never edit one that has landed — add the next. */
export const migrations: readonly Migration[] = [outboxInboxMigration, createUsers];
