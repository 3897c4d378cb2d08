import type { Actor, Knex } from '@smartcourse/platform';
import { maySeeCourse } from '../courses/access.js';
import { coursesWithThumbnail } from '../courses/store.js';
import { lessonReadRefusal } from '../outline/access.js';
import { submissionFileReadable } from '../submissions/store.js';
import { lessonsUsingFile } from './store.js';

/**
 * One read rule of the media service's files, owned here: whether the caller (anonymous when
 * undefined) may read this file, by what this service knows of it. A rule that knows nothing of
 * the file answers false.
 */
export type FileReadRule = (db: Knex, fileId: string, caller: Actor | undefined) => Promise<boolean>;

/** A lesson's video or attachment: readable by whoever may read one of the lessons whose current body names it. */
export const lessonFileReadable: FileReadRule = async (db, fileId, caller) => {
  for (const lesson of await lessonsUsingFile(db, fileId)) {
    if (!(await lessonReadRefusal(db, lesson, caller))) return true;
  }
  return false;
};

/** A course's thumbnail: readable by whoever may see the course (anyone, once it is published). */
export const thumbnailReadable: FileReadRule = async (db, fileId, caller) => {
  for (const course of await coursesWithThumbnail(db, fileId)) {
    if (await maySeeCourse(db, course, caller)) return true;
  }
  return false;
};

/** A rule written for signed-in callers, which refuses anonymous ones. */
export const signedInOnly =
  (rule: (db: Knex, fileId: string, actor: Actor) => Promise<boolean>): FileReadRule =>
  async (db, fileId, caller) =>
    caller ? rule(db, fileId, caller) : false;

/** The rules the course service answers for; another feature's rule joins this list. */
export const fileReadRules: readonly FileReadRule[] = [lessonFileReadable, thumbnailReadable, signedInOnly(submissionFileReadable)];

/** Readable when one of the rules says so, tried in order; a file none of them knows is not readable. */
export async function fileReadable(db: Knex, fileId: string, caller: Actor | undefined, rules: readonly FileReadRule[] = fileReadRules): Promise<boolean> {
  for (const rule of rules) {
    if (await rule(db, fileId, caller)) return true;
  }
  return false;
}
