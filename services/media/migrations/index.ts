import type { Migration } from '@smartcourse/platform';
import { files } from './0001_files.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [files];
