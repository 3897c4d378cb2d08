import type { CourseListQuery, CourseStatus } from '@smartcourse/contracts';
import type { Knex } from '@smartcourse/platform';
import type { Course, CourseFacts } from './rules.js';

type Db = Knex | Knex.Transaction;

interface CourseRow {
  id: string;
  slug: string;
  instructor_id: string;
  title: string;
  summary: string;
  description: string | null;
  category: string | null;
  tags: string[];
  level: Course['level'];
  language: string;
  price_cents: number;
  currency: string;
  thumbnail_url: string | null;
  thumbnail_file_id: string | null;
  status: CourseStatus;
  structure_version: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  first_published_at: Date | null;
  archived_at: Date | null;
}

const columns = [
  'id',
  'slug',
  'instructor_id',
  'title',
  'summary',
  'description',
  'category',
  'tags',
  'level',
  'language',
  'price_cents',
  'currency',
  'thumbnail_url',
  'thumbnail_file_id',
  'status',
  'structure_version',
  'created_at',
  'updated_at',
  'published_at',
  'first_published_at',
  'archived_at',
].map((column) => `courses.${column}`);

export function fromRow(row: CourseRow): Course {
  return {
    id: row.id,
    slug: row.slug,
    instructorId: row.instructor_id,
    title: row.title,
    summary: row.summary,
    description: row.description,
    category: row.category,
    tags: row.tags,
    level: row.level,
    language: row.language,
    priceCents: row.price_cents,
    currency: row.currency,
    thumbnailUrl: row.thumbnail_url,
    thumbnailFileId: row.thumbnail_file_id,
    status: row.status,
    structureVersion: row.structure_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    firstPublishedAt: row.first_published_at,
    archivedAt: row.archived_at,
  };
}

const factColumns = (facts: CourseFacts) => ({
  title: facts.title,
  summary: facts.summary,
  description: facts.description,
  category: facts.category,
  tags: facts.tags,
  level: facts.level,
  language: facts.language,
  price_cents: facts.priceCents,
  currency: facts.currency,
  thumbnail_url: facts.thumbnailUrl,
  thumbnail_file_id: facts.thumbnailFileId,
});

/** One course; `forUpdate` locks its row, which serialises every change to the course and its outline. */
export async function findCourse(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Course | undefined> {
  const query = db<CourseRow>('courses').select(columns).where({ id }).first();
  const row = await (options.forUpdate ? query.forUpdate() : query);
  return row ? fromRow(row as unknown as CourseRow) : undefined;
}

/** The courses whose thumbnail is this file (by the partial index on the thumbnail's file id). */
export async function coursesWithThumbnail(db: Db, fileId: string): Promise<Course[]> {
  const rows = await db<CourseRow>('courses').select(columns).where({ thumbnail_file_id: fileId });
  return (rows as unknown as CourseRow[]).map(fromRow);
}

/**
 * Slugs taken by the base or its numbered variants. Holds a transaction lock on the base so two
 * courses created with the same title at once get different slugs.
 */
export async function takenSlugs(trx: Knex.Transaction, base: string): Promise<string[]> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`course-slug:${base}`]);
  const rows = await trx('courses')
    .select('slug')
    .where('slug', base)
    .orWhere('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}-%`);
  return rows.map((row: { slug: string }) => row.slug);
}

export async function insertCourse(trx: Knex.Transaction, course: { id: string; slug: string; instructorId: string; facts: CourseFacts }): Promise<Course> {
  const [row] = await trx<CourseRow>('courses')
    .insert({ id: course.id, slug: course.slug, instructor_id: course.instructorId, ...factColumns(course.facts) })
    .returning(columns);
  return fromRow(row as CourseRow);
}

export async function updateFacts(trx: Knex.Transaction, id: string, facts: CourseFacts): Promise<Course> {
  const [row] = await trx<CourseRow>('courses')
    .where({ id })
    .update({ ...factColumns(facts), updated_at: trx.fn.now() as unknown as Date })
    .returning(columns);
  return fromRow(row as CourseRow);
}

export async function setStatus(trx: Knex.Transaction, id: string, status: CourseStatus): Promise<Course> {
  const now = trx.fn.now() as unknown as Date;
  const stamps =
    status === 'published'
      ? { published_at: now, first_published_at: trx.raw('coalesce(first_published_at, now())') as unknown as Date }
      : status === 'archived'
        ? { archived_at: now }
        : {};
  const [row] = await trx<CourseRow>('courses')
    .where({ id })
    .update({ status, updated_at: now, ...stamps })
    .returning(columns);
  return fromRow(row as CourseRow);
}

/** The next outline version of a course (only ever grows). */
export async function bumpStructureVersion(trx: Knex.Transaction, id: string): Promise<number> {
  const [row] = await trx('courses').where({ id }).increment('structure_version', 1).returning('structure_version');
  return (row as { structure_version: number }).structure_version;
}

export async function deleteCourse(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('courses').where({ id }).delete();
}

export interface CatalogEntry extends Course {
  lessonCount: number;
  durationMinutes: number;
  instructorName: string | null;
}

/**
 * The catalog's columns: the course, its lesson count and length (subqueries in the select
 * list, so they run for the rows of the page only), and its instructor's name.
 */
function withListing(db: Knex, query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query
    .select(
      ...columns,
      db.raw('(select count(*) from lessons where lessons.course_id = courses.id)::int as lesson_count'),
      db.raw('(select coalesce(sum(duration_minutes), 0) from lessons where lessons.course_id = courses.id)::int as duration_minutes'),
      'display_names.full_name as instructor_name',
    )
    .leftJoin('display_names', 'display_names.user_id', 'courses.instructor_id');
}

function toEntry(row: CourseRow & { lesson_count: number; duration_minutes: number; instructor_name: string | null }): CatalogEntry {
  return { ...fromRow(row), lessonCount: row.lesson_count, durationMinutes: row.duration_minutes, instructorName: row.instructor_name };
}

/**
 * A page of published courses. `q` is matched with `websearch_to_tsquery` on the indexed search
 * vector and ranked with `ts_rank` (title weighs more than summary); without `sort`, a search
 * is ordered by rank, otherwise newest first. Ties break on id, so pages never overlap.
 */
export async function listCatalog(db: Knex, query: CourseListQuery): Promise<{ entries: CatalogEntry[]; total: number }> {
  const filtered = db('courses').where('courses.status', 'published');
  if (query.q) filtered.whereRaw(`courses.search @@ websearch_to_tsquery('english', ?)`, [query.q]);
  if (query.category) filtered.where('courses.category', query.category);
  if (query.tag) filtered.whereRaw('courses.tags @> array[?]::text[]', [query.tag]);
  if (query.level) filtered.where('courses.level', query.level);
  if (query.free !== undefined) filtered.where('courses.price_cents', query.free ? '=' : '>', 0);
  if (query.instructorId) filtered.where('courses.instructor_id', query.instructorId);

  const [{ total }] = (await filtered.clone().count('* as total')) as [{ total: string }];
  const page = withListing(db, filtered.clone());
  const sort = query.sort ?? (query.q ? 'relevance' : 'newest');
  if (sort === 'relevance' && query.q) page.orderByRaw(`ts_rank(courses.search, websearch_to_tsquery('english', ?)) desc`, [query.q]);
  else if (sort === 'title') page.orderByRaw('lower(courses.title) asc');
  else if (sort === 'price') page.orderBy('courses.price_cents', 'asc');
  else page.orderBy('courses.published_at', 'desc');
  page
    .orderBy('courses.id', 'asc')
    .limit(query.per_page)
    .offset((query.page - 1) * query.per_page);
  const rows = await page;
  return { entries: rows.map(toEntry), total: Number(total) };
}

/** An instructor's own courses, drafts included, newest first. */
export async function listForInstructor(
  db: Knex,
  instructorId: string,
  query: { status?: CourseStatus | undefined; page: number; per_page: number },
): Promise<{ entries: CatalogEntry[]; total: number }> {
  const filtered = db('courses').where('courses.instructor_id', instructorId);
  if (query.status) filtered.where('courses.status', query.status);
  const [{ total }] = (await filtered.clone().count('* as total')) as [{ total: string }];
  const rows = await withListing(db, filtered.clone())
    .orderBy('courses.created_at', 'desc')
    .orderBy('courses.id', 'asc')
    .limit(query.per_page)
    .offset((query.page - 1) * query.per_page);
  return { entries: rows.map(toEntry), total: Number(total) };
}
