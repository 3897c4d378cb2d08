/**
 * Where each service's scheduler keeps its state, read from the service's own configuration (its
 * environment, e.g. USER_DATABASE_URL), loaded on demand. The notification service's is a small
 * Postgres database of its own (NOTIFICATION_SCHEDULER_DATABASE_URL).
 */
export const schedulerDatabases: Record<string, () => Promise<string>> = {
  user: async () => (await import('../../../services/user/src/config.js')).config.USER_DATABASE_URL,
  course: async () => (await import('../../../services/course/src/config.js')).config.COURSE_DATABASE_URL,
  'enrollment-progress': async () => (await import('../../../services/enrollment-progress/src/config.js')).config.ENROLLMENT_DATABASE_URL,
  certificate: async () => (await import('../../../services/certificate/src/config.js')).config.CERTIFICATE_DATABASE_URL,
  notification: async () => (await import('../../../services/notification/src/config.js')).config.NOTIFICATION_SCHEDULER_DATABASE_URL,
};
