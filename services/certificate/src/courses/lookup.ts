import type { Knex } from '@smartcourse/platform';
import { findCourse, titlesOf } from './store.js';

type Db = Knex | Knex.Transaction;

/** The course replica, for the certificate features. */
export const courseOf = (db: Db, courseId: string) => findCourse(db, courseId);
export const courseTitles = (db: Db, courseIds: readonly string[]) => titlesOf(db, courseIds);
