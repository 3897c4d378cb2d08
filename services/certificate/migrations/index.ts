import type { Migration } from '@smartcourse/platform';
import { certificates } from './0001_certificates.js';
import { enrollmentRefunds } from './0002_enrollment_refunds.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [certificates, enrollmentRefunds];
