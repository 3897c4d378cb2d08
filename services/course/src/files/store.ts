import type { Knex } from '@smartcourse/platform';
import type { Lesson } from '../outline/rules.js';

type Db = Knex | Knex.Transaction;

/** What a file is to a lesson. */
export type LessonFileRole = 'video' | 'attachment';

/**
 * Sets the files a lesson's current body refers to. Called in the transaction that points the
 * lesson at that body, so the rows follow the body revision the lesson reads.
 */
export async function replaceLessonFiles(trx: Knex.Transaction, lessonId: string, files: readonly { fileId: string; role: LessonFileRole }[]): Promise<void> {
  await trx('lesson_files').where({ lesson_id: lessonId }).delete();
  if (files.length > 0) await trx('lesson_files').insert(files.map((file) => ({ lesson_id: lessonId, file_id: file.fileId, role: file.role })));
}

/** The lessons whose current body refers to this file (by the index on the file id). */
export async function lessonsUsingFile(db: Db, fileId: string): Promise<Pick<Lesson, 'id' | 'courseId' | 'isPreview'>[]> {
  const rows = await db('lesson_files')
    .join('lessons', 'lessons.id', 'lesson_files.lesson_id')
    .distinct('lessons.id', 'lessons.course_id', 'lessons.is_preview')
    .where('lesson_files.file_id', fileId);
  return rows.map((row: { id: string; course_id: string; is_preview: boolean }) => ({ id: row.id, courseId: row.course_id, isPreview: row.is_preview }));
}
