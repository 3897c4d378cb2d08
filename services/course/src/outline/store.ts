import type { Knex } from '@smartcourse/platform';
import type { Lesson, Module, Outline } from './rules.js';

type Db = Knex | Knex.Transaction;

interface ModuleRow {
  id: string;
  course_id: string;
  title: string;
  position: number;
}

interface LessonRow {
  id: string;
  course_id: string;
  module_id: string;
  title: string;
  kind: Lesson['kind'];
  duration_minutes: number;
  is_preview: boolean;
  required: boolean;
  position: number;
  body_revision: string;
  updated_at: Date;
}

const toModule = (row: ModuleRow): Module => ({ id: row.id, courseId: row.course_id, title: row.title, position: row.position });

const toLesson = (row: LessonRow): Lesson => ({
  id: row.id,
  courseId: row.course_id,
  moduleId: row.module_id,
  title: row.title,
  kind: row.kind,
  durationMinutes: row.duration_minutes,
  isPreview: row.is_preview,
  required: row.required,
  position: row.position,
  bodyRevision: row.body_revision,
  updatedAt: row.updated_at,
});

/** A course's modules and lessons, in order. */
export async function loadOutline(db: Db, courseId: string): Promise<Outline> {
  // One after the other: inside a transaction both would share its one connection.
  const modules = await db<ModuleRow>('modules').where({ course_id: courseId }).orderBy('position');
  const lessons = await db<LessonRow>('lessons').where({ course_id: courseId }).orderBy('position');
  return modules.map((row) => ({ ...toModule(row), lessons: lessons.filter((lesson) => lesson.module_id === row.id).map(toLesson) }));
}

export async function findLesson(db: Db, id: string): Promise<Lesson | undefined> {
  const row = await db<LessonRow>('lessons').where({ id }).first();
  return row ? toLesson(row) : undefined;
}

export async function insertModule(trx: Knex.Transaction, module: Omit<Module, 'position'>): Promise<void> {
  await trx.raw(
    `insert into modules (id, course_id, title, position)
     values (?, ?, ?, (select coalesce(max(position), 0) + 1 from modules where course_id = ?))`,
    [module.id, module.courseId, module.title, module.courseId],
  );
}

export async function renameModule(trx: Knex.Transaction, id: string, title: string): Promise<void> {
  await trx('modules').where({ id }).update({ title });
}

/** Deletes a module (its lessons go with it) and closes the gap in the positions. */
export async function deleteModule(trx: Knex.Transaction, module: Module): Promise<void> {
  await trx('modules').where({ id: module.id }).delete();
  await trx('modules').where({ course_id: module.courseId }).andWhere('position', '>', module.position).decrement('position', 1);
}

/** Sets positions 1..n in the given order (the unique constraint is checked at commit). */
export async function setPositions(trx: Knex.Transaction, table: 'modules' | 'lessons', ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.raw(
    `update ${table} set position = ordered.position
     from unnest(?::uuid[]) with ordinality as ordered(id, position)
     where ${table}.id = ordered.id`,
    // A Postgres array literal: knex would spread a JS array into separate bindings.
    [`{${ids.join(',')}}`],
  );
}

export async function insertLesson(trx: Knex.Transaction, lesson: Omit<Lesson, 'position' | 'updatedAt'>): Promise<void> {
  await trx.raw(
    `insert into lessons (id, course_id, module_id, title, kind, duration_minutes, is_preview, required, body_revision, position)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, (select coalesce(max(position), 0) + 1 from lessons where module_id = ?))`,
    [
      lesson.id,
      lesson.courseId,
      lesson.moduleId,
      lesson.title,
      lesson.kind,
      lesson.durationMinutes,
      lesson.isPreview,
      lesson.required,
      lesson.bodyRevision,
      lesson.moduleId,
    ],
  );
}

export async function updateLesson(
  trx: Knex.Transaction,
  id: string,
  fields: Partial<Pick<Lesson, 'title' | 'kind' | 'durationMinutes' | 'isPreview' | 'required' | 'bodyRevision'>>,
): Promise<void> {
  const columns: Record<string, unknown> = { updated_at: trx.fn.now() };
  if (fields.title !== undefined) columns.title = fields.title;
  if (fields.kind !== undefined) columns.kind = fields.kind;
  if (fields.durationMinutes !== undefined) columns.duration_minutes = fields.durationMinutes;
  if (fields.isPreview !== undefined) columns.is_preview = fields.isPreview;
  if (fields.required !== undefined) columns.required = fields.required;
  if (fields.bodyRevision !== undefined) columns.body_revision = fields.bodyRevision;
  await trx('lessons').where({ id }).update(columns);
}

export async function deleteLesson(trx: Knex.Transaction, lesson: Lesson): Promise<void> {
  await trx('lessons').where({ id: lesson.id }).delete();
  await trx('lessons').where({ module_id: lesson.moduleId }).andWhere('position', '>', lesson.position).decrement('position', 1);
}
