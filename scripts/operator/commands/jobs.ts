import { Command } from 'commander';
import { action, OperatorError } from '../failure.js';
import type { ServiceJobs } from '../jobs/jobs-report.js';
import { schedulerDatabases } from '../jobs/scheduler-databases.js';
import { printResult, printTable, type OutputOptions } from '../output.js';

interface JobsOptions extends OutputOptions {
  service?: string;
  failures: string;
}

export function jobsCommand(): Command {
  return new Command('jobs')
    .description(
      "Each service's scheduled jobs (pg-boss, in the service's database): cron schedule, last run (state, time, duration, retries, outcome) and recent failures. " +
        "Database URLs come from the services' environment (USER_DATABASE_URL, ..., NOTIFICATION_SCHEDULER_DATABASE_URL).",
    )
    .option('--service <name>', `only this service: ${Object.keys(schedulerDatabases).join(', ')}`)
    .option('--failures <n>', 'failed runs shown per job', '5')
    .option('--json', 'one JSON document')
    .action(
      action(async (options: JobsOptions) => {
        const names = options.service === undefined ? Object.keys(schedulerDatabases) : [options.service];
        const unknown = names.filter((name) => !(name in schedulerDatabases));
        if (unknown.length > 0) throw new OperatorError(`no service ${unknown.join(', ')}; one of: ${Object.keys(schedulerDatabases).join(', ')}`);
        const failures = Number(options.failures);
        if (!Number.isInteger(failures) || failures < 0) throw new OperatorError('--failures takes a whole number');
        const databases: Record<string, string> = {};
        for (const name of names) databases[name] = await schedulerDatabases[name]!();
        const { jobsReport } = await import('../jobs/jobs-report.js');
        const report = await jobsReport(databases, failures);
        printResult(options, { services: report }, ({ services }) => printJobs(services));
        if (report.some((service) => service.error !== undefined)) process.exitCode = 1;
      }),
    );
}

function printJobs(services: readonly ServiceJobs[]): void {
  const rows = services.flatMap((service) => {
    if (service.error !== undefined) return [{ service: service.service, job: `UNREADABLE: ${service.error}` }];
    if (!service.installed) return [{ service: service.service, job: '(scheduler not started on this database yet)' }];
    return service.schedules.map((schedule) => ({
      service: service.service,
      job: schedule.name,
      cron: `${schedule.cron} ${schedule.timezone}`,
      'last run': schedule.lastRun?.startedOn ?? schedule.lastRun?.createdOn,
      state: schedule.lastRun?.state,
      duration: schedule.lastRun?.durationMs === null || schedule.lastRun === null ? undefined : `${schedule.lastRun.durationMs} ms`,
      retries: schedule.lastRun?.retryCount,
      outcome: schedule.lastRun?.output === undefined || schedule.lastRun?.output === null ? undefined : JSON.stringify(schedule.lastRun.output),
      failures: schedule.failures.length,
    }));
  });
  printTable(rows, ['service', 'job', 'cron', 'last run', 'state', 'duration', 'retries', 'outcome', 'failures']);
  const failed = services.flatMap((service) =>
    service.schedules.flatMap((schedule) =>
      schedule.failures.map((run) => ({
        service: service.service,
        job: schedule.name,
        run: run.id,
        state: run.state,
        at: run.startedOn ?? run.createdOn,
        retries: run.retryCount,
        error: errorText(run.output),
      })),
    ),
  );
  console.log(`\nfailures (${failed.length}):`);
  if (failed.length > 0) printTable(failed, ['service', 'job', 'run', 'state', 'at', 'retries', 'error']);
}

/** A failed run's error: pg-boss stores a thrown error as itself, and its own verdicts (a missed heartbeat) under `value`. */
function errorText(output: unknown): string | undefined {
  if (output === null || output === undefined) return undefined;
  const error = typeof output === 'object' && 'value' in output ? (output as { value: unknown }).value : output;
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return JSON.stringify(output);
}
