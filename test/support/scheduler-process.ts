/**
 * A process of a service that has only scheduled jobs, for the scheduler's failure tests: the
 * kit's scheduler on the database SCHEDULER_TEST_DATABASE_URL, with two jobs that record each
 * run in `fixture_runs` (created by the test) — `tick` on the cron SCHEDULER_TEST_TICK_CRON, and `slow`, which takes
 * SCHEDULER_TEST_SLOW_MS (started by the test). Prints `ready` once its jobs are declared.
 */
import { createDb, createLogger, createScheduler, job, onShutdown } from '@smartcourse/platform';

const url = process.env.SCHEDULER_TEST_DATABASE_URL!;
const db = createDb({ url, poolMax: 2 });
const logger = createLogger({ service: 'scheduler-test', level: process.env.LOG_LEVEL ?? 'info' });

async function record(name: string, runId: string, phase: 'started' | 'finished') {
  await db('fixture_runs').insert({ job: name, run_id: runId, phase, pid: process.pid });
}

const slowMs = Number(process.env.SCHEDULER_TEST_SLOW_MS ?? 8000);
const scheduler = createScheduler({
  service: 'scheduler-test',
  logger,
  settings: {
    url,
    enabled: true,
    superviseIntervalSeconds: Number(process.env.JOBS_SUPERVISE_INTERVAL_SECONDS ?? 1),
    cronIntervalSeconds: Number(process.env.JOBS_CRON_INTERVAL_SECONDS ?? 1),
  },
  jobs: [
    job('tick', process.env.SCHEDULER_TEST_TICK_CRON ?? '0 0 1 1 *', async () => {
      const runId = `${Date.now()}-${process.pid}`;
      await record('tick', runId, 'finished');
      return { pid: process.pid };
    }),
    job(
      'slow',
      '0 0 1 1 *',
      async ({ signal }) => {
        const runId = `${Date.now()}-${process.pid}`;
        await record('slow', runId, 'started');
        await new Promise((resolve) => setTimeout(resolve, slowMs));
        signal.throwIfAborted();
        await record('slow', runId, 'finished');
        return { pid: process.pid };
      },
      { retryDelaySeconds: 1 },
    ),
  ],
});

await scheduler.start();
onShutdown(logger, [
  { name: 'scheduled jobs', run: () => scheduler.stop() },
  { name: 'database', run: () => db.destroy() },
]);
process.stdout.write('ready\n');
