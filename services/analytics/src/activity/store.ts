import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** One entry of a person's learning timeline. */
export interface ActivityEntry {
  eventId: string;
  userId: string;
  type: string;
  courseId: string | null;
  subjectId: string | null;
  occurredAt: Date;
  details: Record<string, string | number | boolean | null>;
}

/** Keeps an entry, unless its person was erased (a rebuild may read the erasure first). */
export async function keepEntry(db: Db, entry: ActivityEntry): Promise<void> {
  await db.raw(
    `insert into activity (event_id, user_id, type, course_id, subject_id, occurred_at, details)
       select ?, ?, ?, ?, ?, ?, ?::jsonb where not exists (select 1 from activity_erasures where user_id = ?)
     on conflict (event_id) do nothing`,
    [entry.eventId, entry.userId, entry.type, entry.courseId, entry.subjectId, entry.occurredAt, JSON.stringify(entry.details), entry.userId],
  );
}

/** An erased person's timeline goes, and stays gone. */
export async function eraseTimeline(db: Db, userId: string): Promise<void> {
  await db.raw(`insert into activity_erasures (user_id) values (?) on conflict do nothing`, [userId]);
  await db('activity').where({ user_id: userId }).delete();
}
