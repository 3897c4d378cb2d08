import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createDb, SCHEDULER_SCHEMA, type Knex } from '@smartcourse/platform';
import { repoRoot } from '../../support/env.js';
import { eventually } from '../../support/eventually.js';
import { jobSender } from '../../support/job-sender.js';
import { scratchDatabase } from '../../support/postgres.js';

/** A scheduler process of test/support/scheduler-process.ts, ready once its jobs are declared. */
async function startSchedulerProcess(url: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/scheduler-process.ts')], {
    cwd: repoRoot,
    env: { ...process.env, SCHEDULER_TEST_DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`scheduler process exited ${code} before it was ready`)));
  });
  return child;
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

interface RunRow {
  job: string;
  run_id: string;
  phase: string;
  pid: number;
  at: Date;
}

describe('the scheduler (pg-boss, in the service database)', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Knex;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    scratch = await scratchDatabase('scheduler_test');
    db = createDb({ url: scratch.url, poolMax: 2 });
    await db.raw(
      'create table fixture_runs (job text not null, run_id text not null, phase text not null, pid integer not null, at timestamptz not null default now())',
    );
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => stopped(child, 'SIGKILL')));
    await db.destroy();
    await scratch.drop();
  });

  const runs = (job: string) => db<RunRow>('fixture_runs').where({ job }).orderBy('at');

  it('runs a cron schedule once per slot with two processes of one service up', async () => {
    const env = { SCHEDULER_TEST_TICK_CRON: '* * * * * *' };
    children.push(...(await Promise.all([startSchedulerProcess(scratch.url, env), startSchedulerProcess(scratch.url, env)])));

    const first = await eventually(
      () => runs('tick'),
      (rows) => rows.length >= 1,
      75_000,
    );
    expect(first.length).toBeGreaterThanOrEqual(1);
    // Both processes check the schedule every second: a second run of the slot would be here by now.
    await new Promise((resolve) => setTimeout(resolve, 8_000));

    // pg-boss files each due occurrence as one `send-it` job per slot, whichever process saw it first.
    // A slot filed just now has not run yet: wait until every slot filed has run, then compare.
    const observed = async () => {
      const occurrences = await db
        .withSchema(SCHEDULER_SCHEMA)
        .from('job')
        .where({ name: '__pgboss__send-it' })
        .whereRaw("data->>'name' = 'tick'")
        .select(db.raw("data->>'slot' as slot"));
      const completed = await db
        .withSchema(SCHEDULER_SCHEMA)
        .from('job')
        .where({ name: 'tick', state: 'completed' })
        .count<{ count: string }[]>({ count: '*' });
      return { slots: occurrences.map((row: { slot: string }) => row.slot), ticks: await runs('tick'), tickJobs: Number(completed[0]?.count) };
    };
    const { slots, ticks, tickJobs } = await eventually(
      observed,
      (seen) => seen.ticks.length === seen.slots.length && seen.tickJobs === seen.slots.length,
      20_000,
    );
    expect(slots.length).toBeGreaterThanOrEqual(1);
    expect(new Set(slots).size).toBe(slots.length);
    expect(ticks).toHaveLength(slots.length);
    expect(tickJobs).toBe(slots.length);
  }, 120_000);

  it('retries a run whose process was killed (SIGKILL) mid-run, once the process is back, and completes it once', async () => {
    const env = { SCHEDULER_TEST_SLOW_MS: '6000', JOBS_SUPERVISE_INTERVAL_SECONDS: '1' };
    const first = await startSchedulerProcess(scratch.url, env);
    children.push(first);
    const boss = jobSender(scratch.url);
    await boss.start();
    const jobId = await boss.send('slow', {});
    await boss.stop({ graceful: false });

    await eventually(
      () => runs('slow'),
      (rows) => rows.some((row) => row.phase === 'started'),
      20_000,
    );
    await stopped(first, 'SIGKILL');
    const second = await startSchedulerProcess(scratch.url, env);
    children.push(second);

    const done = await eventually(
      () => runs('slow'),
      (rows) => rows.some((row) => row.phase === 'finished'),
      90_000,
    );
    expect(done.filter((row) => row.phase === 'finished')).toEqual([expect.objectContaining({ pid: second.pid })]);
    expect(done.filter((row) => row.phase === 'started').map((row) => row.pid)).toEqual([first.pid, second.pid]);
    const [stored] = await db.withSchema(SCHEDULER_SCHEMA).from('job').where({ id: jobId }).select('state', 'retry_count');
    expect(stored).toEqual({ state: 'completed', retry_count: 1 });
  }, 180_000);
});
