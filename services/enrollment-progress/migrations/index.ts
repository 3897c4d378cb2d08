import type { Migration } from '@smartcourse/platform';
import { enrollments } from './0001_enrollments.js';
import { timeSpentBigint } from './0002_time_spent_bigint.js';
import { assignmentGrades } from './0003_assignment_grades.js';
import { gradebook } from './0004_gradebook.js';
import { purchases } from './0005_purchases.js';

/** Oldest first; never edit one that has landed — add the next. The platform's outbox and inbox come before these. */
export const migrations: readonly Migration[] = [enrollments, timeSpentBigint, assignmentGrades, gradebook, purchases];
