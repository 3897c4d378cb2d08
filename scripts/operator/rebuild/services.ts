import { postgresUrlOf } from '@smartcourse/contracts/topology';
import type { Replica } from '@smartcourse/platform';

/** What `sc rebuild` needs of a service: its replicas and its database. */
export interface RebuildableService {
  replicas: readonly Replica[];
  databaseUrl: string;
}

/**
 * The services with replicas in Postgres, loaded on demand; each one's database is its variable of
 * the topology (e.g. COURSE_DATABASE_URL) when set, else the local platform's.
 * The notification service's replicas live in the document store and are not rebuilt this way.
 */
export const rebuildableServices: Record<string, () => Promise<RebuildableService>> = {
  course: async () => ({
    replicas: (await import('../../../services/course/src/replicas.js')).replicas,
    databaseUrl: postgresUrlOf('course', process.env),
  }),
  'enrollment-progress': async () => ({
    replicas: (await import('../../../services/enrollment-progress/src/replicas.js')).replicas,
    databaseUrl: postgresUrlOf('enrollment-progress', process.env),
  }),
  certificate: async () => ({
    replicas: (await import('../../../services/certificate/src/replicas.js')).replicas,
    databaseUrl: postgresUrlOf('certificate', process.env),
  }),
  payment: async () => ({
    replicas: (await import('../../../services/payment/src/replicas.js')).replicas,
    databaseUrl: postgresUrlOf('payment', process.env),
  }),
};
