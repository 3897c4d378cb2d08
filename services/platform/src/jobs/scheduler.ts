import { PgBoss } from 'pg-boss';
import { asError } from '../faults.js';
import type { Logger } from '../logger.js';
import type { ScheduledJob } from './job.js';

/** The Postgres schema that holds the scheduler's queues, schedules and runs in the service's database. */
export const SCHEDULER_SCHEMA = 'pgboss';

export interface SchedulerSettings {
  /** The database the scheduler's state lives in (the service's own; for notification, a small one of its own). */
  url: string;
  /** Off: no job of this process runs (another process of the service runs them). */
  enabled: boolean;
  /** How often stale runs (a process killed mid-run stops its heartbeat) are found and retried. */
  superviseIntervalSeconds: number;
  /** How often each process checks whether a cron schedule is due. */
  cronIntervalSeconds: number;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A run's heartbeat: a process killed in the middle of a run stops beating, and the run is retried this long after. */
const HEARTBEAT_SECONDS = 10;

/**
 * The service's scheduled jobs on pg-boss. Every process of the service schedules and works the
 * same queues: pg-boss creates one job per cron slot whichever processes are up, and one process
 * takes it (`singleton` policy: never two runs of one job at once). A failed run is retried with
 * backoff; a run whose process dies is retried once its heartbeat is missed. Jobs no longer in
 * the table lose their schedule on start.
 */
export function createScheduler(options: { service: string; settings: SchedulerSettings; jobs: readonly ScheduledJob[]; logger: Logger }): Scheduler {
  const { service, settings, jobs } = options;
  const logger = options.logger.child({ component: 'scheduler' });
  const boss = new PgBoss({
    connectionString: settings.url,
    schema: SCHEDULER_SCHEMA,
    application_name: `${service} jobs pid ${process.pid}`,
    max: 4,
    instanceName: service,
    superviseIntervalSeconds: settings.superviseIntervalSeconds,
    // Stale heartbeats and expired runs are found by pg-boss's monitor, whose own interval (60 s by
    // default) gates it: without this, a dead process's run waited a minute whatever the setting said.
    monitorIntervalSeconds: settings.superviseIntervalSeconds,
    cronMonitorIntervalSeconds: Math.min(settings.cronIntervalSeconds, 45),
    cronWorkerIntervalSeconds: Math.min(settings.cronIntervalSeconds, 45),
  });
  // pg-boss reports failures of its own loops (lost connections) here; it keeps trying.
  boss.on('error', (error) => logger.error({ err: error }, 'scheduler error'));

  async function declare(declared: ScheduledJob): Promise<void> {
    const queue = {
      retryLimit: declared.retryLimit ?? 3,
      retryDelay: declared.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: declared.expireInSeconds ?? 900,
      // Runs stay visible to `sc jobs` for a week.
      deleteAfterSeconds: 7 * 86_400,
    };
    if (await boss.getQueue(declared.name)) await boss.updateQueue(declared.name, queue);
    else await boss.createQueue(declared.name, { ...queue, policy: 'singleton', heartbeatSeconds: HEARTBEAT_SECONDS });
    await boss.schedule(declared.name, declared.cron, null, { tz: 'UTC' });
  }

  async function work(declared: ScheduledJob): Promise<void> {
    await boss.work(declared.name, { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 }, async ([run]) => {
      if (!run) return {};
      const runLogger = logger.child({ job: declared.name, run: run.id, attempt: run.retryCount });
      const started = Date.now();
      try {
        const outcome = await declared.run({ logger: runLogger, signal: run.signal });
        runLogger.info({ outcome, ms: Date.now() - started }, 'job done');
        return outcome;
      } catch (thrown) {
        runLogger.error({ err: asError(thrown), ms: Date.now() - started }, 'job failed; pg-boss retries it');
        throw thrown;
      }
    });
  }

  return {
    async start() {
      if (!settings.enabled) {
        if (jobs.length > 0) logger.warn({ jobs: jobs.map((j) => j.name) }, 'scheduled jobs disabled in this process');
        return;
      }
      await boss.start();
      for (const declared of jobs) await declare(declared);
      const names = new Set(jobs.map((j) => j.name));
      for (const schedule of await boss.getSchedules()) {
        if (!names.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
      }
      for (const declared of jobs) await work(declared);
      logger.info({ jobs: jobs.map((j) => `${j.name} (${j.cron})`) }, 'scheduled jobs started');
    },
    async stop() {
      if (settings.enabled) await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
