import type { Knex } from '@smartcourse/platform';

/**
 * Published courses in the course database, for searching the catalog at size (tests and
 * scripts/bench). Idempotent: fixed ids, so a second run adds nothing. Titles mix four openings,
 * five subjects and the row's number; summaries five phrases: a subject word matches a fifth of
 * the catalog, a number about one course.
 */
export async function seedCatalog(db: Knex, count = 10_000): Promise<void> {
  // An md5 made a version-4 UUID (version and variant nibbles set), as the API's ids are.
  const uuidOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
  await db.raw(
    `insert into courses (id, slug, instructor_id, title, summary, level, language, price_cents, currency, status, published_at, first_published_at)
     select ${uuidOf("'catalog-seed-' || n")}, 'catalog-seed-' || n, ${uuidOf("'catalog-seed-instructor-' || (n % 50)")},
            (array['Intro to', 'Mastering', 'Practical', 'Advanced'])[1 + n % 4] || ' ' || (array['watercolour', 'carpentry', 'statistics', 'welding', 'poetry'])[1 + n % 5] || ' ' || n,
            'A course about ' || (array['brushes and paper', 'joints and timber', 'samples and tests', 'arcs and beads', 'metre and rhyme'])[1 + n % 5],
            (array['beginner', 'intermediate', 'advanced'])[1 + n % 3], 'en', (n % 4) * 1000, 'EUR', 'published', now() - n * interval '1 minute', now()
     from generate_series(1, ?) as n
     on conflict (id) do nothing`,
    [count],
  );
  await db.raw('analyze courses');
}
