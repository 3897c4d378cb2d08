import { createDb } from '@smartcourse/platform';
import { env } from './env.js';

/** A connection to the server's maintenance database as the platform's role (which owns the service databases). */
function maintenance() {
  const url = new URL(env.userDatabaseUrl);
  url.pathname = '/postgres';
  return createDb({ url: url.toString(), poolMax: 1 });
}

/**
 * A database outage as a service sees it: new connections are refused (connection limit 0)
 * and the open ones are terminated. `restore` lets connections in again.
 */
export async function refuseConnections(database: string): Promise<{ restore(): Promise<void> }> {
  const admin = maintenance();
  await admin.raw('alter database ?? connection limit 0', [database]);
  await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()', [database]);
  return {
    async restore() {
      await admin.raw('alter database ?? connection limit -1', [database]);
      await admin.destroy();
    },
  };
}
