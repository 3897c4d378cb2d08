import type { Knex } from '@smartcourse/platform';
import type { CourseReplica, StructureLesson } from './rules.js';

type Db = Knex | Knex.Transaction;

interface CourseRow {
  id: string;
  instructor_id: string;
  title: string | null;
  price_cents: number | null;
  currency: string | null;
  status: string;
}

const replicaOf = (row: CourseRow): CourseReplica => ({
  id: row.id,
  instructorId: row.instructor_id,
  title: row.title,
  priceCents: row.price_cents,
  currency: row.currency,
  status: row.status,
});

/**
 * A status fact wins when it is not older than the one kept; `archived` is final (the course
 * service never leaves it), so a late `published` cannot reopen an archived course.
 */
export async function keepStatus(db: Db, fact: { courseId: string; instructorId: string; status: string; at: Date }): Promise<void> {
  await db.raw(
    `insert into courses (id, instructor_id, status, status_at) values (?, ?, ?, ?)
     on conflict (id) do update set status = excluded.status, status_at = excluded.status_at, instructor_id = excluded.instructor_id
     where courses.status <> 'archived' and courses.status_at <= excluded.status_at`,
    [fact.courseId, fact.instructorId, fact.status, fact.at],
  );
}

/** Title, price and currency from a snapshot event, unless a newer snapshot was kept. */
export async function keepFacts(
  db: Db,
  facts: { courseId: string; instructorId: string; title: string; priceCents: number; currency: string; at: Date },
): Promise<void> {
  await db.raw(
    `insert into courses (id, instructor_id, title, price_cents, currency, status, status_at, facts_at) values (?, ?, ?, ?, ?, 'draft', to_timestamp(0), ?)
     on conflict (id) do update set title = excluded.title, price_cents = excluded.price_cents, currency = excluded.currency, facts_at = excluded.facts_at
     where courses.facts_at is null or courses.facts_at <= excluded.facts_at`,
    [facts.courseId, facts.instructorId, facts.title, facts.priceCents, facts.currency, facts.at],
  );
}

export async function findCourse(db: Db, courseId: string): Promise<CourseReplica | undefined> {
  const row = (await db('courses').where({ id: courseId }).first()) as CourseRow | undefined;
  return row && replicaOf(row);
}

export async function titlesOf(db: Db, courseIds: readonly string[]): Promise<Map<string, string | null>> {
  if (courseIds.length === 0) return new Map();
  const rows = (await db('courses').select('id', 'title').whereIn('id', courseIds)) as { id: string; title: string | null }[];
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** A lesson as the structure event carries it: its title heads the lesson's gradebook column. */
export type TitledLesson = StructureLesson & { title: string };

/**
 * Replaces the course's structure when the version is newer than the one kept; false when it is
 * not (a late or replayed older structure changes nothing).
 */
export async function replaceStructure(trx: Knex.Transaction, courseId: string, version: number, lessons: readonly TitledLesson[]): Promise<boolean> {
  const kept = await trx.raw(
    `insert into structures (course_id, structure_version, updated_at) values (?, ?, now())
     on conflict (course_id) do update set structure_version = excluded.structure_version, updated_at = now()
     where structures.structure_version < excluded.structure_version
     returning course_id`,
    [courseId, version],
  );
  if ((kept as { rows: unknown[] }).rows.length === 0) return false;
  await trx('structure_lessons').where({ course_id: courseId }).delete();
  if (lessons.length > 0) {
    await trx('structure_lessons').insert(
      lessons.map((lesson, index) => ({
        lesson_id: lesson.lessonId,
        course_id: courseId,
        position: index,
        title: lesson.title,
        kind: lesson.kind,
        required: lesson.required,
        quiz_id: lesson.quizId,
      })),
    );
  }
  return true;
}

interface LessonRow {
  lesson_id: string;
  course_id: string;
  kind: string;
  required: boolean;
  quiz_id: string | null;
}

const lessonOf = (row: LessonRow): StructureLesson => ({ lessonId: row.lesson_id, kind: row.kind, required: row.required, quizId: row.quiz_id });

export async function structureLessons(db: Db, courseId: string): Promise<StructureLesson[]> {
  const rows = (await db('structure_lessons').where({ course_id: courseId }).orderBy('position')) as LessonRow[];
  return rows.map(lessonOf);
}

/** The course whose current structure holds the lesson, with the lesson. */
export async function lessonInStructure(db: Db, lessonId: string): Promise<{ courseId: string; lesson: StructureLesson } | undefined> {
  const row = (await db('structure_lessons').where({ lesson_id: lessonId }).first()) as LessonRow | undefined;
  return row && { courseId: row.course_id, lesson: lessonOf(row) };
}

/**
 * Whether this transaction replaced the course's structure with `version` (the row's `updated_at`
 * is the transaction's `now()` only when this transaction wrote it).
 */
export async function structureReplacedNow(trx: Knex.Transaction, courseId: string, version: number): Promise<boolean> {
  const row = await trx('structures').where({ course_id: courseId, structure_version: version }).andWhere('updated_at', trx.fn.now()).first('course_id');
  return row !== undefined;
}
