import type { Knex } from '@smartcourse/platform';
import { findCourse, lessonInStructure, structureLessons, titlesOf } from './store.js';

type Db = Knex | Knex.Transaction;

/** The course replica and its structure, for the enrollment features. */
export const courseOf = (db: Db, courseId: string) => findCourse(db, courseId);
export const courseTitles = (db: Db, courseIds: readonly string[]) => titlesOf(db, courseIds);
export const currentStructure = (db: Db, courseId: string) => structureLessons(db, courseId);
export const courseOfLesson = (db: Db, lessonId: string) => lessonInStructure(db, lessonId);
