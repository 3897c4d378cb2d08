import type { ActivityEntry } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import { csvTable } from './csv.js';

type Db = Knex | Knex.Transaction;

interface EntryRow {
  event_id: string;
  type: string;
  course_id: string | null;
  subject_id: string | null;
  occurred_at: Date;
  details: ActivityEntry['details'];
}

const entryOf = (row: EntryRow): ActivityEntry => ({
  eventId: row.event_id,
  type: row.type,
  courseId: row.course_id,
  subjectId: row.subject_id,
  occurredAt: row.occurred_at.toISOString(),
  details: row.details,
});

/** A person's timeline, newest first (ties by event id, so pages never overlap); all of it without a page. */
export async function timelineOf(db: Db, userId: string, page?: { offset: number; limit: number }): Promise<{ entries: ActivityEntry[]; total: number }> {
  const query = db('activity')
    .where({ user_id: userId })
    .orderBy([
      { column: 'occurred_at', order: 'desc' },
      { column: 'event_id', order: 'desc' },
    ]);
  const [rows, counted] = await Promise.all([
    (page ? query.clone().offset(page.offset).limit(page.limit) : query.clone()).select(
      'event_id',
      'type',
      'course_id',
      'subject_id',
      'occurred_at',
      'details',
    ),
    db('activity').where({ user_id: userId }).count({ n: '*' }).first(),
  ]);
  return { entries: (rows as EntryRow[]).map(entryOf), total: Number((counted as { n: string } | undefined)?.n ?? 0) };
}

/** The timeline as CSV: one record per event, newest first; `details` as its JSON. */
export const timelineCsv = (entries: readonly ActivityEntry[]): string =>
  csvTable(
    ['occurred_at', 'type', 'course_id', 'subject_id', 'event_id', 'details'],
    entries.map((entry) => [entry.occurredAt, entry.type, entry.courseId, entry.subjectId, entry.eventId, JSON.stringify(entry.details)]),
  );
