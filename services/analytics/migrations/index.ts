import type { Migration } from '@smartcourse/platform';
import { analytics } from './0001_analytics.js';
import { reportIndexes } from './0002_report_indexes.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [analytics, reportIndexes];
