import type { ProcessName } from '@smartcourse/contracts';
import type { Replica } from '@smartcourse/platform';
import type { z } from 'zod';

/** What `sc rebuild` needs of a service: its replicas and its database. */
export interface RebuildableService {
  replicas: readonly Replica[];
  databaseUrl: string;
}

/** A service's database, from its parsed environment and its place in the topology. */
async function databaseUrlOf(name: ProcessName, config: Promise<{ configSchema: z.ZodType }>): Promise<string> {
  const { loadConfig, placementOf } = await import('@smartcourse/platform');
  return placementOf(name, loadConfig((await config).configSchema) as object).postgresUrl;
}

/**
 * The services with replicas in Postgres, loaded on demand: a service's configuration (its
 * environment, e.g. COURSE_DATABASE_URL) is read only when one of its replicas is rebuilt.
 * The notification service's replicas live in the document store and are not rebuilt this way.
 */
export const rebuildableServices: Record<string, () => Promise<RebuildableService>> = {
  course: async () => ({
    replicas: (await import('../../../services/course/src/replicas.js')).replicas,
    databaseUrl: await databaseUrlOf('course', import('../../../services/course/src/config.js')),
  }),
  'enrollment-progress': async () => ({
    replicas: (await import('../../../services/enrollment-progress/src/replicas.js')).replicas,
    databaseUrl: await databaseUrlOf('enrollment-progress', import('../../../services/enrollment-progress/src/config.js')),
  }),
  certificate: async () => ({
    replicas: (await import('../../../services/certificate/src/replicas.js')).replicas,
    databaseUrl: await databaseUrlOf('certificate', import('../../../services/certificate/src/config.js')),
  }),
};
