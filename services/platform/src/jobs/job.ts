import type { Logger } from '../logger.js';

/** What a run of a job is given: a logger bound to the job and run, and a signal set when the run must stop (shutdown, expiry). */
export interface JobContext {
  logger: Logger;
  signal: AbortSignal;
}

/** What a run reports (e.g. rows deleted per table); stored as the run's output and shown by `sc jobs`. */
export type JobOutcome = Record<string, number | string | boolean>;

/**
 * One scheduled job of a service: a row of its `jobs.ts`. The name is the queue name (letters,
 * digits, `-`, `_`, `.`), unique within the service; the cron expression is read in UTC, to the minute.
 */
export interface ScheduledJob {
  name: string;
  cron: string;
  run(context: JobContext): Promise<JobOutcome>;
  /** Attempts after a failed run (default 3). */
  retryLimit?: number;
  /** The first retry's delay; later ones back off exponentially (default 30 s). */
  retryDelaySeconds?: number;
  /** The longest a run may take before it is stopped and retried (default 15 minutes). */
  expireInSeconds?: number;
}

/** A row of a service's jobs table. */
export const job = (
  name: string,
  cron: string,
  run: ScheduledJob['run'],
  options: Pick<ScheduledJob, 'retryLimit' | 'retryDelaySeconds' | 'expireInSeconds'> = {},
): ScheduledJob => ({
  name,
  cron,
  run,
  ...options,
});
