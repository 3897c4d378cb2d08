import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedCatalog } from '../../../test/support/catalog.js';
import { closeKafka } from '../../../test/support/kafka.js';
import { startCourseService } from './in-process.js';

let course: Awaited<ReturnType<typeof startCourseService>>;
/** The catalog size the service must stay fast at; the figures come from scripts/bench, the plan is checked here. */
const SEEDED = 10_000;

beforeAll(async () => {
  course = await startCourseService();
  await seedCatalog(course.db, SEEDED);
}, 120_000);
afterAll(async () => {
  await course?.service.stop();
  await closeKafka();
});

const catalog = async (query: string) =>
  (await (await course.internal(`/internal/courses?${query}`)).json()) as { data: { id: string; title: string }[]; meta: { total: number } };

describe('the catalog at 10,000 courses', () => {
  it('ranks a match in the title above one in the summary', async () => {
    const word = `zqx${randomUUID().slice(0, 8)}`;
    const inSummary = randomUUID();
    const inTitle = randomUUID();
    for (const [id, title, summary] of [
      [inSummary, 'Glass blowing', `Furnaces, pipes and ${word} techniques.`],
      [inTitle, `Glass ${word}`, 'Furnaces and pipes.'],
    ] as const) {
      await course.db('courses').insert({
        id,
        slug: `catalog-${id}`,
        instructor_id: randomUUID(),
        title,
        summary,
        level: 'beginner',
        language: 'en',
        price_cents: 0,
        currency: 'EUR',
        status: 'published',
        published_at: new Date(),
      });
    }
    const found = await catalog(`q=${word}`);
    expect(found.data.map((entry) => entry.id)).toEqual([inTitle, inSummary]);
    expect(found.meta.total).toBe(2);
  });

  it('answers a selective search through the full-text index, not a scan of every course', async () => {
    // One seeded title holds the number 4321; a term that common (a fifth of the catalog) is rightly read by a scan.
    const plan = JSON.stringify(
      (
        await course.db.raw(`explain (format json) select id from courses where status = 'published' and search @@ websearch_to_tsquery('english', ?)`, [
          '4321',
        ])
      ).rows,
    );
    expect(plan).toContain('courses_search_idx');
    expect(plan).not.toContain('"Seq Scan"');
    const welding = await catalog('q=welding&per_page=5');
    expect(welding.meta.total).toBeGreaterThanOrEqual(SEEDED / 5);
    expect(welding.data.every((entry) => /welding/i.test(entry.title))).toBe(true);
  });

  it('pages through the newest first without overlaps', async () => {
    const first = await catalog('per_page=50&page=1');
    const second = await catalog('per_page=50&page=2');
    expect(first.meta.total).toBeGreaterThanOrEqual(SEEDED);
    const ids = new Set([...first.data, ...second.data].map((entry) => entry.id));
    expect(ids.size).toBe(100);
  });
});
