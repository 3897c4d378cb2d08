import { SCHEDULER_SCHEMA } from '@smartcourse/platform/jobs';
import { createDb, type Knex } from '@smartcourse/platform/postgres';

/** One run (a pg-boss job) of a scheduled job. */
export interface JobRun {
  id: string;
  state: string;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
  /** From start to completion (or failure); null while it runs or waits. */
  durationMs: number | null;
  /** Retries so far: 1 or more means an earlier attempt failed or its process died. */
  retryCount: number;
  /** What the run reported (rows deleted), or its error. */
  output: unknown;
}

export interface JobSchedule {
  name: string;
  cron: string;
  timezone: string;
  lastRun: JobRun | null;
  /** Failed runs, and attempts waiting to be retried, newest first. */
  failures: JobRun[];
}

export interface ServiceJobs {
  service: string;
  /** False when no process of the service has started its scheduler on this database yet. */
  installed: boolean;
  schedules: JobSchedule[];
  /** Why the service's database could not be read, when it could not. */
  error?: string;
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  retry_count: number;
  output: unknown;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function asRun(row: JobRow): JobRun {
  const ended = row.state === 'completed' || row.state === 'failed' || row.state === 'cancelled';
  return {
    id: row.id,
    state: row.state,
    createdOn: row.created_on.toISOString(),
    startedOn: iso(row.started_on),
    completedOn: iso(row.completed_on),
    durationMs: ended && row.started_on && row.completed_on ? row.completed_on.getTime() - row.started_on.getTime() : null,
    retryCount: row.retry_count,
    output: row.output,
  };
}

const JOB_COLUMNS = ['id', 'name', 'state', 'created_on', 'started_on', 'completed_on', 'retry_count', 'output'];

/** The schedules of one scheduler database, each with its last run and its failures (pg-boss keeps runs a week). */
export async function readServiceJobs(db: Knex, service: string, failuresShown: number): Promise<ServiceJobs> {
  const installed = (await db('information_schema.tables').where({ table_schema: SCHEDULER_SCHEMA, table_name: 'schedule' }).first()) !== undefined;
  if (!installed) return { service, installed, schedules: [] };
  const schedules = await db.withSchema(SCHEDULER_SCHEMA).from('schedule').select('name', 'cron', 'timezone').orderBy('name');
  const result: JobSchedule[] = [];
  for (const schedule of schedules as { name: string; cron: string; timezone: string | null }[]) {
    const runs = db.withSchema(SCHEDULER_SCHEMA).from<JobRow>('job').select(JOB_COLUMNS).where({ name: schedule.name });
    const last = await runs.clone().where('state', '<>', 'created').orderBy('created_on', 'desc').first();
    const failures = await runs.clone().whereIn('state', ['failed', 'retry']).orderBy('created_on', 'desc').limit(failuresShown);
    result.push({
      name: schedule.name,
      cron: schedule.cron,
      timezone: schedule.timezone ?? 'UTC',
      lastRun: last ? asRun(last) : null,
      failures: failures.map(asRun),
    });
  }
  return { service, installed, schedules: result };
}

/** Reads each named service's scheduler database; one that cannot be read is reported with its error. */
export async function jobsReport(databases: Record<string, string>, failuresShown: number): Promise<ServiceJobs[]> {
  const report: ServiceJobs[] = [];
  for (const [service, url] of Object.entries(databases)) {
    const db = createDb({ url, poolMax: 1, applicationName: 'sc jobs' });
    try {
      report.push(await readServiceJobs(db, service, failuresShown));
    } catch (error) {
      report.push({ service, installed: false, schedules: [], error: error instanceof Error ? error.message : String(error) });
    } finally {
      await db.destroy();
    }
  }
  return report;
}
