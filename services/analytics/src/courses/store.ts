import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A lesson of a course's outline, in outline order. */
export interface OutlineLesson {
  lessonId: string;
  title: string;
  moduleId: string;
}

/** Title and instructor from a snapshot event, unless a newer snapshot was kept. */
export async function keepFacts(db: Db, facts: { courseId: string; instructorId: string; title: string; at: Date }): Promise<void> {
  await db.raw(
    `insert into courses (course_id, instructor_id, title, status, status_at, facts_at) values (?, ?, ?, 'draft', to_timestamp(0), ?)
     on conflict (course_id) do update set instructor_id = excluded.instructor_id, title = excluded.title, facts_at = excluded.facts_at
     where courses.facts_at is null or courses.facts_at <= excluded.facts_at`,
    [facts.courseId, facts.instructorId, facts.title, facts.at],
  );
}

/** A status fact wins when it is not older than the one kept; `archived` and `deleted` are final. */
export async function keepStatus(db: Db, fact: { courseId: string; instructorId: string; status: string; at: Date }): Promise<void> {
  await db.raw(
    `insert into courses (course_id, instructor_id, status, status_at) values (?, ?, ?, ?)
     on conflict (course_id) do update set status = excluded.status, status_at = excluded.status_at
     where courses.status not in ('archived', 'deleted') and courses.status_at <= excluded.status_at`,
    [fact.courseId, fact.instructorId, fact.status, fact.at],
  );
}

/** The outline's lessons, unless a newer structure version was kept. */
export async function keepOutline(db: Db, outline: { courseId: string; structureVersion: number; lessons: OutlineLesson[] }): Promise<void> {
  await db.raw(
    `insert into courses (course_id, status, status_at, structure_version, lessons) values (?, 'draft', to_timestamp(0), ?, ?::jsonb)
     on conflict (course_id) do update set structure_version = excluded.structure_version, lessons = excluded.lessons
     where courses.structure_version < excluded.structure_version`,
    [outline.courseId, outline.structureVersion, JSON.stringify(outline.lessons)],
  );
}
