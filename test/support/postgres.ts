import { randomUUID } from 'node:crypto';
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

/** A new empty database owned by the platform's role, for a test to fill; `drop` removes it. */
export async function scratchDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = maintenance();
  await admin.raw('create database ??', [name]);
  const url = new URL(env.userDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // Not `with (force)`: that refuses while an autovacuum worker (a superuser's process) is in the
      // database. The role's own sessions are ended here; a plain drop waits for autovacuum to leave.
      await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and usename = current_user and pid <> pg_backend_pid()', [
        name,
      ]);
      await admin.raw('drop database if exists ??', [name]);
      await admin.destroy();
    },
  };
}
