import type { Knex } from '@smartcourse/platform';
import { gradesOf } from './store.js';

/** The student's quiz grades in the course, for the enrollment features. */
export const quizGrades = (db: Knex | Knex.Transaction, studentId: string, courseId: string) => gradesOf(db, studentId, courseId);
