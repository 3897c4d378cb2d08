/**
 * The declared topology: every process of the platform, its internal port, its stores and the
 * topics it consumes. `scripts/up`, `scripts/status`, the test support and the gateway's service
 * URLs read this list; tests check docker-compose.yml and the catalog's `consumers` against it.
 * Adding a service means adding it here, to the catalog, and its folder.
 */

/**
 * A store a process owns, with the variable that overrides where it is: a Postgres database's
 * URL, or a document-store database's name (the document store's address is MONGO_URL).
 */
export type Store =
  | { readonly kind: 'postgres'; readonly database: string; readonly urlEnv: string }
  | { readonly kind: 'mongodb'; readonly database: string; readonly nameEnv: string };

/** The URL of a database of the local platform (the role scripts/up creates owns every one). */
export const localPostgresUrl = (database: string) => `postgres://smartcourse:smartcourse@127.0.0.1:5432/${database}`;

export interface ProcessSpec {
  /** Service name: also its consumer group, its `ce_source` and its dead-letter prefix. */
  readonly name: string;
  /** Entry file, relative to the repository root. */
  readonly entry: string;
  /** Default HTTP port (internal API for services, the public edge for the gateway). */
  readonly port: number;
  /** Environment variables that override the port and the interface, and, for services, the gateway's URL of it. */
  readonly portEnv: string;
  readonly hostEnv: string;
  readonly urlEnv?: string;
  /** The stores the process owns (none for the gateway). */
  readonly stores: readonly Store[];
  /** Topics the process consumes (must equal the catalog's `consumers` lists). */
  readonly consumes: readonly string[];
  /** The gateway is started last: it is ready only when every service is. */
  readonly role: 'service' | 'gateway';
}

const declared = [
  {
    name: 'user',
    entry: 'services/user/src/main.ts',
    port: 3101,
    portEnv: 'USER_HTTP_PORT',
    hostEnv: 'USER_HTTP_HOST',
    urlEnv: 'USER_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_user', urlEnv: 'USER_DATABASE_URL' }],
    consumes: ['user.commands'],
    role: 'service',
  },
  {
    name: 'course',
    entry: 'services/course/src/main.ts',
    port: 3102,
    portEnv: 'COURSE_HTTP_PORT',
    hostEnv: 'COURSE_HTTP_HOST',
    urlEnv: 'COURSE_SERVICE_URL',
    stores: [
      { kind: 'postgres', database: 'smartcourse_course', urlEnv: 'COURSE_DATABASE_URL' },
      { kind: 'mongodb', database: 'smartcourse_course', nameEnv: 'COURSE_DOCUMENTS_DB_NAME' },
    ],
    consumes: [
      'course.commands',
      'enrollment.created',
      'enrollment.dropped',
      'enrollment.reactivated',
      'enrollment.suspended',
      'enrollment.reinstated',
      'enrollment.completed',
      'enrollment.refunded',
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
    hostEnv: 'ENROLLMENT_HTTP_HOST',
    urlEnv: 'ENROLLMENT_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_enrollment', urlEnv: 'ENROLLMENT_DATABASE_URL' }],
    consumes: [
      'enrollment.commands',
      'course.published',
      'course.unpublished',
      'course.archived',
      'course.updated',
      'course.structure_changed',
      'quiz.attempt_graded',
      'assignment.graded',
      'user.erased',
      'order.paid',
      'order.refunded',
    ],
    role: 'service',
  },
  {
    name: 'certificate',
    entry: 'services/certificate/src/main.ts',
    port: 3104,
    portEnv: 'CERTIFICATE_HTTP_PORT',
    hostEnv: 'CERTIFICATE_HTTP_HOST',
    urlEnv: 'CERTIFICATE_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_certificate', urlEnv: 'CERTIFICATE_DATABASE_URL' }],
    consumes: [
      'certificate.commands',
      'enrollment.completed',
      'enrollment.refunded',
      'course.published',
      'course.updated',
      'user.registered',
      'user.profile_updated',
      'user.erased',
    ],
    role: 'service',
  },
  {
    name: 'notification',
    entry: 'services/notification/src/main.ts',
    port: 3105,
    portEnv: 'NOTIFICATION_HTTP_PORT',
    hostEnv: 'NOTIFICATION_HTTP_HOST',
    urlEnv: 'NOTIFICATION_SERVICE_URL',
    stores: [
      { kind: 'mongodb', database: 'smartcourse_notification', nameEnv: 'NOTIFICATION_DB_NAME' },
      // The scheduler's state (pg-boss) only: the document store cannot hold it.
      { kind: 'postgres', database: 'smartcourse_notification', urlEnv: 'NOTIFICATION_SCHEDULER_DATABASE_URL' },
    ],
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
      'enrollment.refunded',
      'enrollment.completed',
      'lesson.completed',
      'quiz.attempt_graded',
      'assignment.submitted',
      'assignment.graded',
      'certificate.issued',
      'certificate.revoked',
      'order.paid',
      'order.refunded',
      'order.failed',
    ],
    role: 'service',
  },
  {
    name: 'media',
    entry: 'services/media/src/main.ts',
    port: 3106,
    portEnv: 'MEDIA_HTTP_PORT',
    hostEnv: 'MEDIA_HTTP_HOST',
    urlEnv: 'MEDIA_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_media', urlEnv: 'MEDIA_DATABASE_URL' }],
    consumes: ['user.erased'],
    role: 'service',
  },
  {
    name: 'payment',
    entry: 'services/payment/src/main.ts',
    port: 3107,
    portEnv: 'PAYMENT_HTTP_PORT',
    hostEnv: 'PAYMENT_HTTP_HOST',
    urlEnv: 'PAYMENT_SERVICE_URL',
    stores: [{ kind: 'postgres', database: 'smartcourse_payment', urlEnv: 'PAYMENT_DATABASE_URL' }],
    consumes: [
      'course.published',
      'course.updated',
      'course.unpublished',
      'course.archived',
      'enrollment.created',
      'enrollment.dropped',
      'enrollment.reactivated',
      'enrollment.refunded',
      'lesson.completed',
    ],
    role: 'service',
  },
  {
    name: 'gateway',
    entry: 'gateway/src/main.ts',
    port: 3000,
    portEnv: 'GATEWAY_PORT',
    hostEnv: 'GATEWAY_HOST',
    stores: [],
    consumes: ['command.results', 'user.deactivated', 'user.role_changed', 'user.erased'],
    role: 'gateway',
  },
] as const satisfies readonly ProcessSpec[];

export const processes: readonly ProcessSpec[] = declared;

export type ProcessName = (typeof declared)[number]['name'];
/** The declaration of one process, with its literal names (a config's variables are typed from them). */
export type ProcessOf<N extends ProcessName> = Extract<(typeof declared)[number], { name: N }>;

export function processOf<N extends ProcessName>(name: N): ProcessOf<N> {
  return declared.find((p) => p.name === name) as ProcessOf<N>;
}

export const services = processes.filter((p) => p.role === 'service');

export function processSpec(name: string): ProcessSpec {
  const found = processes.find((p) => p.name === name);
  if (!found) throw new Error(`no process named ${name} in the topology`);
  return found;
}

/** The Postgres database FerretDB keeps the document store in (the local platform's; docker-compose runs MongoDB). */
export const documentStoreDatabase = 'smartcourse_ferretdb';

/** Every Postgres database of the platform, once each: the processes' stores, then the document store's. */
export const postgresDatabases: readonly string[] = [
  ...new Set([...processes.flatMap((p) => p.stores.flatMap((store) => (store.kind === 'postgres' ? [store.database] : []))), documentStoreDatabase]),
];

/** Start order: every service, then the gateway. Stopping runs in reverse. */
export const startOrder: readonly ProcessSpec[] = [...services, ...processes.filter((p) => p.role === 'gateway')];

/**
 * A process's Postgres database as the environment names it (its variable when set, else the
 * local platform's), for tools that open it without loading the process's whole config.
 */
export function postgresUrlOf(name: string, env: Readonly<Record<string, string | undefined>>): string {
  const store = processSpec(name).stores.find((candidate) => candidate.kind === 'postgres');
  if (!store || store.kind !== 'postgres') throw new Error(`${name} has no Postgres database in the topology`);
  return env[store.urlEnv] ?? localPostgresUrl(store.database);
}
