import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export interface CourseFacts {
  id: string;
  instructorId: string;
  title: string;
  summary: string | null;
}

/** Keeps a course's facts unless newer ones were kept (the topics interleave on a replay). */
export async function keepCourse(db: Db, facts: CourseFacts & { at: Date }): Promise<void> {
  await db.raw(
    `insert into courses (id, instructor_id, title, summary, facts_at) values (?, ?, ?, ?, ?)
     on conflict (id) do update set instructor_id = excluded.instructor_id, title = excluded.title, summary = excluded.summary, facts_at = excluded.facts_at
     where courses.facts_at <= excluded.facts_at`,
    [facts.id, facts.instructorId, facts.title, facts.summary, facts.at],
  );
}

export async function findCourse(db: Db, courseId: string): Promise<CourseFacts | undefined> {
  const row = (await db('courses').where({ id: courseId }).first()) as { id: string; instructor_id: string; title: string; summary: string | null } | undefined;
  return row && { id: row.id, instructorId: row.instructor_id, title: row.title, summary: row.summary };
}

export async function titlesOf(db: Db, courseIds: readonly string[]): Promise<Map<string, string>> {
  if (courseIds.length === 0) return new Map();
  const rows = (await db('courses').select('id', 'title').whereIn('id', courseIds)) as { id: string; title: string }[];
  return new Map(rows.map((row) => [row.id, row.title]));
}
