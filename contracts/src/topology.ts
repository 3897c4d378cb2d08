/**
 * The declared topology: every process of the platform, its internal port, its stores and the
 * topics it consumes. `scripts/up`, `scripts/status`, the test support and the gateway's service
 * URLs read this list; tests check docker-compose.yml and the catalog's `consumers` against it.
 * Adding a service means adding it here, to the catalog, and its folder.
 */

export type Store = { readonly kind: 'postgres'; readonly database: string } | { readonly kind: 'mongodb'; readonly database: string };

export interface ProcessSpec {
  /** Service name: also its consumer group, its `ce_source` and its dead-letter prefix. */
  readonly name: string;
  /** Entry file, relative to the repository root. */
  readonly entry: string;
  /** Default HTTP port (internal API for services, the public edge for the gateway). */
  readonly port: number;
  /** Environment variables that override the port and, for services, the gateway's URL of it. */
  readonly portEnv: string;
  readonly urlEnv?: string;
  /** The stores the process owns (none for the gateway). */
  readonly stores: readonly Store[];
  /** Topics the process consumes (must equal the catalog's `consumers` lists). */
  readonly consumes: readonly string[];
  /** The gateway is started last: it is ready only when every service is. */
  readonly role: 'service' | 'gateway';
}

export const processes: readonly ProcessSpec[] = [
  {
    name: 'user',
    entry: 'services/user/src/main.ts',
    port: 3101,
    portEnv: 'USER_HTTP_PORT',
    urlEnv: 'USER_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_user' }],
    consumes: ['user.commands'],
    role: 'service',
  },
  {
    name: 'course',
    entry: 'services/course/src/main.ts',
    port: 3102,
    portEnv: 'COURSE_HTTP_PORT',
    urlEnv: 'COURSE_SERVICE_URL',
    stores: [
      { kind: 'postgres', database: 'smartcourse_course' },
      { kind: 'mongodb', database: 'smartcourse_course' },
    ],
    consumes: [
      'course.commands',
      'enrollment.created',
      'enrollment.dropped',
      'enrollment.reactivated',
      'enrollment.suspended',
      'enrollment.reinstated',
      'enrollment.completed',
      'user.registered',
      'user.profile_updated',
      'user.erased',
    ],
    role: 'service',
  },
  {
    name: 'enrollment-progress',
    entry: 'services/enrollment-progress/src/main.ts',
    port: 3103,
    portEnv: 'ENROLLMENT_HTTP_PORT',
    urlEnv: 'ENROLLMENT_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_enrollment' }],
    consumes: [
      'enrollment.commands',
      'course.published',
      'course.unpublished',
      'course.archived',
      'course.updated',
      'course.structure_changed',
      'quiz.attempt_graded',
      'user.erased',
    ],
    role: 'service',
  },
  {
    name: 'certificate',
    entry: 'services/certificate/src/main.ts',
    port: 3104,
    portEnv: 'CERTIFICATE_HTTP_PORT',
    urlEnv: 'CERTIFICATE_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_certificate' }],
    consumes: ['certificate.commands', 'enrollment.completed', 'course.published', 'course.updated', 'user.registered', 'user.profile_updated', 'user.erased'],
    role: 'service',
  },
  {
    name: 'notification',
    entry: 'services/notification/src/main.ts',
    port: 3105,
    portEnv: 'NOTIFICATION_HTTP_PORT',
    urlEnv: 'NOTIFICATION_SERVICE_URL',
    stores: [{ kind: 'mongodb', database: 'smartcourse_notification' }],
    consumes: [
      'user.registered',
      'user.profile_updated',
      'user.erased',
      'course.published',
      'course.updated',
      'course.archived',
      'enrollment.created',
      'enrollment.dropped',
      'enrollment.reactivated',
      'enrollment.completed',
      'lesson.completed',
      'quiz.attempt_graded',
      'certificate.issued',
      'certificate.revoked',
    ],
    role: 'service',
  },
  {
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    port: 3000,
    portEnv: 'GATEWAY_PORT',
    stores: [],
    consumes: ['command.results', 'user.deactivated', 'user.role_changed', 'user.erased'],
    role: 'gateway',
  },
];

export const services = processes.filter((p) => p.role === 'service');

export function processSpec(name: string): ProcessSpec {
  const found = processes.find((p) => p.name === name);
  if (!found) throw new Error(`no process named ${name} in the topology`);
  return found;
}

/** Start order: every service, then the gateway. Stopping runs in reverse. */
export const startOrder: readonly ProcessSpec[] = [...services, ...processes.filter((p) => p.role === 'gateway')];
