import type { Replica } from '@smartcourse/platform';

/** What `sc rebuild` needs of a service: its replicas and its database. */
export interface RebuildableService {
  replicas: readonly Replica[];
  databaseUrl: string;
}

/**
 * The services with replicas in Postgres, loaded on demand: a service's configuration (its
 * environment, e.g. COURSE_DATABASE_URL) is read only when one of its replicas is rebuilt.
 * The notification service's replicas live in the document store and are not rebuilt this way.
 */
export const rebuildableServices: Record<string, () => Promise<RebuildableService>> = {
  course: async () => ({
    replicas: (await import('../../../services/course/src/replicas.js')).replicas,
    databaseUrl: (await import('../../../services/course/src/config.js')).config.COURSE_DATABASE_URL,
  }),
  'enrollment-progress': async () => ({
    replicas: (await import('../../../services/enrollment-progress/src/replicas.js')).replicas,
    databaseUrl: (await import('../../../services/enrollment-progress/src/config.js')).config.ENROLLMENT_DATABASE_URL,
  }),
  certificate: async () => ({
    replicas: (await import('../../../services/certificate/src/replicas.js')).replicas,
    databaseUrl: (await import('../../../services/certificate/src/config.js')).config.CERTIFICATE_DATABASE_URL,
  }),
};
