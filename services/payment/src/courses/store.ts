import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A course as the payment service knows it: what it costs, who it pays, whether it is on sale. */
export interface Course {
  id: string;
  instructorId: string;
  title: string | null;
  priceCents: number | null;
  currency: string | null;
  status: string;
}

interface CourseRow {
  id: string;
  instructor_id: string;
  title: string | null;
  price_cents: string | null;
  currency: string | null;
  status: string;
}

/** Title, price and instructor from a snapshot event, unless a newer snapshot was kept. */
export async function keepFacts(
  db: Db,
  facts: { courseId: string; instructorId: string; title: string; priceCents: number; currency: string; at: Date },
): Promise<void> {
  await db.raw(
    `insert into courses (id, instructor_id, title, price_cents, currency, status, status_at, facts_at) values (?, ?, ?, ?, ?, 'draft', to_timestamp(0), ?)
     on conflict (id) do update set instructor_id = excluded.instructor_id, title = excluded.title, price_cents = excluded.price_cents,
       currency = excluded.currency, facts_at = excluded.facts_at
     where courses.facts_at is null or courses.facts_at <= excluded.facts_at`,
    [facts.courseId, facts.instructorId, facts.title, facts.priceCents, facts.currency.toUpperCase(), facts.at],
  );
}

/** A status fact wins when it is not older than the one kept; `archived` is final. */
export async function keepStatus(db: Db, fact: { courseId: string; instructorId: string; status: string; at: Date }): Promise<void> {
  await db.raw(
    `insert into courses (id, instructor_id, status, status_at) values (?, ?, ?, ?)
     on conflict (id) do update set status = excluded.status, status_at = excluded.status_at
     where courses.status <> 'archived' and courses.status_at <= excluded.status_at`,
    [fact.courseId, fact.instructorId, fact.status, fact.at],
  );
}

export async function findCourse(db: Db, courseId: string): Promise<Course | undefined> {
  const row = (await db('courses').where({ id: courseId }).first()) as CourseRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    instructorId: row.instructor_id,
    title: row.title,
    priceCents: row.price_cents === null ? null : Number(row.price_cents),
    currency: row.currency,
    status: row.status,
  };
}
