import type { Knex } from '@smartcourse/platform';
import type { EnrollmentFact, EnrollmentStatus } from './rules.js';

type Db = Knex | Knex.Transaction;

/**
 * Keeps each fact unless the replica holds a newer version, in one statement: the events of one
 * enrollment travel on several topics, so they may be read in any order, and a replay applies them
 * again. Of several facts of one enrollment the highest version wins (the first of equals), as when
 * applied one by one. Returns how many rows changed.
 */
export async function applyFacts(db: Db, facts: readonly EnrollmentFact[]): Promise<number> {
  const newest = new Map<string, EnrollmentFact>();
  for (const fact of facts) {
    const kept = newest.get(fact.id);
    if (!kept || kept.version < fact.version) newest.set(fact.id, fact);
  }
  if (newest.size === 0) return 0;
  const kept = [...newest.values()];
  const rows = await db.raw(
    `insert into enrollments (id, student_id, course_id, status, version, updated_at)
     select id, student_id, course_id, status, version, now()
       from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::integer[]) as facts (id, student_id, course_id, status, version)
     on conflict (id) do update set status = excluded.status, version = excluded.version, updated_at = now()
     where enrollments.version < excluded.version
     returning id`,
    [kept.map((f) => f.id), kept.map((f) => f.studentId), kept.map((f) => f.courseId), kept.map((f) => f.status), kept.map((f) => f.version)],
  );
  return (rows as { rows: unknown[] }).rows.length;
}

/** The student's enrollment status in the course, if any. */
export async function statusOf(db: Db, studentId: string, courseId: string): Promise<EnrollmentStatus | undefined> {
  const row = await db('enrollments').select('status').where({ student_id: studentId, course_id: courseId }).orderBy('version', 'desc').first();
  return (row as { status: EnrollmentStatus } | undefined)?.status;
}

/** Enrollments that count (active or completed) per course. */
export async function countsByCourse(db: Db, courseIds: readonly string[]): Promise<Map<string, number>> {
  if (courseIds.length === 0) return new Map();
  const rows = (await db('enrollments')
    .select('course_id')
    .count('* as count')
    .whereIn('course_id', courseIds)
    .whereIn('status', ['active', 'completed'])
    .groupBy('course_id')) as { course_id: string; count: string }[];
  return new Map(rows.map((row) => [row.course_id, Number(row.count)]));
}
