import knex, { type Knex } from 'knex';

export type { Knex } from 'knex';

export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/**
 * A knex pool on one service's database; `schema` makes unqualified names resolve there alone (a
 * replica's shadow). `applicationName` names the connections in `pg_stat_activity`, so an
 * operator sees which process holds a lock or a long transaction.
 */
export function createDb(options: { url: string; poolMax?: number; schema?: string; applicationName?: string }): Knex {
  return knex({
    client: 'pg',
    connection: options.applicationName === undefined ? options.url : { connectionString: options.url, application_name: options.applicationName },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
    ...(options.schema === undefined ? {} : { searchPath: [options.schema] }),
  });
}

/** Runs the service's migrations (listed in code, oldest first) on start. */
export async function migrate(db: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({
    migrationSource: {
      getMigrations: async () => [...migrations],
      getMigrationName: (migration: Migration) => migration.name,
      getMigration: async (migration: Migration) => migration,
    },
  })) as [number, string[]];
  return applied;
}

/** Answers whether the database takes queries (readiness). */
export async function pingDb(db: Knex): Promise<void> {
  await db.raw('select 1');
}
