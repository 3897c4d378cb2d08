import { PgBoss } from 'pg-boss';
import { SCHEDULER_SCHEMA } from '@smartcourse/platform';

/**
 * A pg-boss client on a scheduler's database that only sends jobs, as a test does: it supervises,
 * schedules, migrates and registers nothing, so the scheduler under test stays the only one doing so.
 */
export function jobSender(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, schema: SCHEDULER_SCHEMA, supervise: false, schedule: false, migrate: false, registerInstance: false });
}
