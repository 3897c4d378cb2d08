import type { Migration } from '@smartcourse/platform';
import { courses } from './0001_courses.js';
import { replicas } from './0002_replicas.js';
import { quizzes } from './0003_quizzes.js';
import { attemptStatus } from './0004_attempt_status.js';
import { fileReferences } from './0005_file_references.js';
import { assignments } from './0006_assignments.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [courses, replicas, quizzes, attemptStatus, fileReferences, assignments];
