import type { Knex } from '@smartcourse/platform';
import { findCourse, lessonInStructure, structureLessons, structureReplacedNow as replacedNow, titlesOf } from './store.js';

type Db = Knex | Knex.Transaction;

/** The course replica and its structure, for the enrollment features. */
export const courseOf = (db: Db, courseId: string) => findCourse(db, courseId);
export const courseTitles = (db: Db, courseIds: readonly string[]) => titlesOf(db, courseIds);
export const currentStructure = (db: Db, courseId: string) => structureLessons(db, courseId);
export const courseOfLesson = (db: Db, lessonId: string) => lessonInStructure(db, lessonId);
/** Whether this transaction kept `version` as the course's structure (so the enrollments follow it). */
export const structureReplacedNow = (trx: Knex.Transaction, courseId: string, version: number) => replacedNow(trx, courseId, version);
