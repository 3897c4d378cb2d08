import { postgresUrlOf, processes } from '@smartcourse/contracts/topology';

/**
 * Where each service's scheduler keeps its state: the service's own Postgres database (the
 * notification service's is a small one for the scheduler alone), as the environment names it.
 */
export const schedulerDatabases: Record<string, () => Promise<string>> = Object.fromEntries(
  processes.filter((p) => p.stores.some((store) => store.kind === 'postgres')).map((p) => [p.name, async () => postgresUrlOf(p.name, process.env)]),
);
