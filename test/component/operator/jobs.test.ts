import { createDb, createLogger, createScheduler, job, SCHEDULER_SCHEMA } from '@smartcourse/platform';
import { eventually } from '../../support/eventually.js';
import { jobSender } from '../../support/job-sender.js';
import { scratchDatabase } from '../../support/postgres.js';
import { sc, scJson } from '../../support/sc.js';

interface Report {
  services: {
    service: string;
    installed: boolean;
    schedules: {
      name: string;
      cron: string;
      timezone: string;
      lastRun: { state: string; durationMs: number | null; retryCount: number; output: unknown } | null;
      failures: { state: string; output: unknown }[];
    }[];
  }[];
}

describe('sc jobs', () => {
  it("lists a service's schedules with each one's last run and its failures", async () => {
    const scratch = await scratchDatabase('sc_jobs_test');
    const db = createDb({ url: scratch.url, poolMax: 1 });
    const scheduler = createScheduler({
      service: 'user',
      logger: createLogger({ service: 'test', level: 'silent' }),
      settings: { url: scratch.url, enabled: true, superviseIntervalSeconds: 60, cronIntervalSeconds: 30 },
      jobs: [
        job('purge-things', '7 * * * *', async () => ({ things: 3 })),
        job('purge-broken', '17 3 * * *', async () => Promise.reject(new Error('the table is gone')), { retryLimit: 0 }),
      ],
    });
    try {
      await scheduler.start();
      const boss = jobSender(scratch.url);
      await boss.start();
      await boss.send('purge-things', {});
      await boss.send('purge-broken', {});
      await boss.stop({ graceful: false });
      const settled = () =>
        db
          .withSchema(SCHEDULER_SCHEMA)
          .from('job')
          .whereIn('name', ['purge-things', 'purge-broken'])
          .whereIn('state', ['completed', 'failed'])
          .count<{ count: string }[]>({ count: '*' });
      await eventually(settled, ([row]) => Number(row?.count) === 2, 30_000);

      const env = { USER_DATABASE_URL: scratch.url };
      const report = await scJson<Report>(['jobs', '--service', 'user'], { env });

      expect(report.services).toHaveLength(1);
      const [user] = report.services;
      expect(user?.installed).toBe(true);
      const byName = Object.fromEntries((user?.schedules ?? []).map((schedule) => [schedule.name, schedule]));
      expect(byName['purge-things']).toMatchObject({
        cron: '7 * * * *',
        timezone: 'UTC',
        lastRun: { state: 'completed', retryCount: 0, output: { things: 3 } },
        failures: [],
      });
      expect(byName['purge-things']?.lastRun?.durationMs).toEqual(expect.any(Number));
      expect(byName['purge-broken']).toMatchObject({
        cron: '17 3 * * *',
        lastRun: { state: 'failed' },
        failures: [{ state: 'failed', output: expect.objectContaining({ message: 'the table is gone' }) }],
      });

      const text = await sc(['jobs', '--service', 'user'], { env });
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/purge-things\s+7 \* \* \* \* UTC\s+\S+\s+completed/);
      expect(text.stdout).toMatch(/failures \(1\):[\s\S]*purge-broken[\s\S]*the table is gone/);
    } finally {
      await scheduler.stop();
      await db.destroy();
      await scratch.drop();
    }
  }, 90_000);

  it('refuses a service it does not know', async () => {
    const run = await sc(['jobs', '--service', 'billing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no service billing');
  });
});
