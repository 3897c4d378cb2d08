/**
 * The topic catalog: the single source of truth for every Kafka topic of the platform.
 * Topics are provisioned and schemas registered from this list; tests check that the
 * schemas on disk, this catalog and the generated TypeScript types agree.
 */

export type TopicKind = 'event' | 'command' | 'result' | 'dead-letter';
export type CleanupPolicy = 'delete' | 'compact';

export interface RecordSpec {
  /** Avro full name of the record, e.g. `smartcourse.events.user.UserRegistered`. */
  readonly fullName: string;
  /** Folder under `contracts/schemas/` holding `v1.avsc`, `v2.avsc`, … */
  readonly schemaDir: string;
}

export interface TopicSpec {
  readonly name: string;
  readonly kind: TopicKind;
  readonly description: string;
  readonly partitions: number;
  /** null keeps records forever (compacted topics keep the latest per key). */
  readonly retentionMs: number | null;
  readonly cleanupPolicy: CleanupPolicy;
  /** What the record key is. */
  readonly key: string;
  /** Record types on the topic; events and results have exactly one. Dead letters keep raw bytes. */
  readonly records: readonly RecordSpec[];
  readonly owner: string;
  readonly consumers: readonly string[];
  /** Personal data may only travel on compacted topics keyed by user id. */
  readonly personalData: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const topics: readonly TopicSpec[] = [
  {
    name: 'user.registered',
    kind: 'event',
    description: 'A person created an account.',
    partitions: 3,
    retentionMs: null,
    cleanupPolicy: 'compact',
    key: 'userId',
    records: [{ fullName: 'smartcourse.events.user.UserRegistered', schemaDir: 'user.registered' }],
    owner: 'user',
    consumers: ['course', 'certificate', 'notification'],
    personalData: true,
  },
  {
    name: 'user.profile_updated',
    kind: 'event',
    description: "A user's public profile changed; the record holds the whole profile after the change.",
    partitions: 3,
    retentionMs: null,
    cleanupPolicy: 'compact',
    key: 'userId',
    records: [{ fullName: 'smartcourse.events.user.UserProfileUpdated', schemaDir: 'user.profile_updated' }],
    owner: 'user',
    consumers: ['course', 'certificate', 'notification'],
    personalData: true,
  },
  userEvent('user.email_verified', 'A user confirmed their email address.', 'UserEmailVerified', { personalData: false }),
  userEvent('user.role_changed', "An admin changed a user's role.", 'UserRoleChanged', { personalData: false, consumers: ['gateway'] }),
  userEvent('user.deactivated', 'An account was deactivated (no login, sessions revoked).', 'UserDeactivated', {
    personalData: false,
    consumers: ['gateway'],
  }),
  userEvent('user.reactivated', 'A deactivated account was reactivated.', 'UserReactivated', { personalData: false }),
  userEvent('user.erased', "A user's personal data was erased; consumers purge their replicas.", 'UserErased', {
    personalData: false,
    consumers: ['course', 'enrollment-progress', 'certificate', 'notification', 'media', 'gateway'],
  }),
  {
    name: 'instructor.profile_updated',
    kind: 'event',
    description: "An instructor's public profile changed; the record holds the whole profile.",
    partitions: 3,
    retentionMs: null,
    cleanupPolicy: 'compact',
    key: 'userId',
    records: [{ fullName: 'smartcourse.events.instructor.InstructorProfileUpdated', schemaDir: 'instructor.profile_updated' }],
    owner: 'user',
    consumers: [],
    personalData: true,
  },
  {
    name: 'user.commands',
    kind: 'command',
    description: 'Commands the user service handles, one record type per command.',
    partitions: 3,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    key: 'userId (the aggregate the command targets)',
    records: ['UpdateProfile', 'ChangeRole', 'DeactivateUser', 'ReactivateUser', 'EraseUser', 'UpdateInstructorProfile'].map((name) => ({
      fullName: `smartcourse.commands.user.${name}`,
      schemaDir: `user.commands/${name}`,
    })),
    owner: 'gateway',
    consumers: ['user'],
    // Profile changes carry a name and bio; the topic is short-lived and keyed by user id.
    personalData: true,
  },
  {
    name: 'command.results',
    kind: 'result',
    description: 'The outcome of every command, for the gateway to answer the waiting request.',
    partitions: 3,
    retentionMs: DAY,
    cleanupPolicy: 'delete',
    key: 'commandId',
    records: [{ fullName: 'smartcourse.commands.CommandResult', schemaDir: 'command.results' }],
    owner: 'user',
    consumers: ['gateway'],
    personalData: false,
  },
  courseEvent('course.created', 'An instructor created a draft course.', 'CourseCreated'),
  courseEvent('course.updated', "A course's catalog facts changed; the record holds all of them.", 'CourseUpdated', [
    'enrollment-progress',
    'payment',
    'certificate',
    'notification',
  ]),
  courseEvent('course.published', 'A course was published: in the catalog, open to enrollment.', 'CoursePublished', [
    'enrollment-progress',
    'payment',
    'certificate',
    'notification',
  ]),
  courseEvent('course.unpublished', 'A published course left the catalog.', 'CourseUnpublished', ['enrollment-progress', 'payment']),
  courseEvent('course.archived', 'A course was archived for good.', 'CourseArchived', ['enrollment-progress', 'notification', 'payment']),
  courseEvent('course.deleted', 'A never-published draft was deleted.', 'CourseDeleted'),
  courseEvent('course.structure_changed', 'The whole ordered outline of a published course, with a growing structureVersion.', 'CourseStructureChanged', [
    'enrollment-progress',
  ]),
  fact(
    'quiz.attempt_graded',
    "A student's quiz attempt was graded (scores only: never answers or keys).",
    { namespace: 'quiz', name: 'QuizAttemptGraded' },
    { key: 'studentId', owner: 'course', consumers: ['enrollment-progress', 'notification'] },
  ),
  fact(
    'assignment.submitted',
    'A student handed in a version of their work for an assignment (ids, version and lateness: never the work).',
    { namespace: 'assignment', name: 'AssignmentSubmitted' },
    { key: 'studentId', owner: 'course', consumers: ['notification'] },
  ),
  fact(
    'assignment.graded',
    'A submission was graded or regraded (scores and the late penalty: never the feedback).',
    { namespace: 'assignment', name: 'AssignmentGraded' },
    { key: 'studentId', owner: 'course', consumers: ['enrollment-progress', 'notification'] },
  ),
  fact(
    'file.uploaded',
    "A file's content was stored whole and its type checked (ids, purpose, type, size and digest: never its name).",
    { namespace: 'file', name: 'FileUploaded' },
    { key: 'fileId', owner: 'media' },
  ),
  fact(
    'file.deleted',
    'A file was deleted; its content goes with the next cleanup.',
    { namespace: 'file', name: 'FileDeleted' },
    { key: 'fileId', owner: 'media' },
  ),
  {
    name: 'course.commands',
    kind: 'command',
    description:
      'Commands the course service handles (authoring), one record type per command. Quiz keys and answers never travel here: quizzes and attempts are synchronous calls.',
    partitions: 3,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    key: 'courseId, or lessonId for a lesson change (the aggregate the command targets)',
    records: [
      'CreateCourse',
      'UpdateCourse',
      'PublishCourse',
      'UnpublishCourse',
      'ArchiveCourse',
      'DeleteCourse',
      'AddModule',
      'UpdateModule',
      'RemoveModule',
      'ReorderModules',
      'AddLesson',
      'UpdateLesson',
      'RemoveLesson',
      'ReorderLessons',
    ].map((name) => ({ fullName: `smartcourse.commands.course.${name}`, schemaDir: `course.commands/${name}` })),
    owner: 'gateway',
    consumers: ['course'],
    personalData: false,
  },
  {
    name: 'enrollment.commands',
    kind: 'command',
    description: 'Commands the enrollment-progress service handles, one record type per command.',
    partitions: 3,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    key: "enrollmentId, or studentId for a lesson completion or visit (the student's course is found from the lesson)",
    records: ['Enroll', 'DropEnrollment', 'SuspendEnrollment', 'ReinstateEnrollment', 'CompleteLesson', 'RecordVisit'].map((name) => ({
      fullName: `smartcourse.commands.enrollment.${name}`,
      schemaDir: `enrollment.commands/${name}`,
    })),
    owner: 'gateway',
    consumers: ['enrollment-progress'],
    personalData: false,
  },
  enrollmentEvent('enrollment.created', 'A student enrolled in a course.', 'EnrollmentCreated', ['course', 'notification', 'payment']),
  enrollmentEvent('enrollment.dropped', 'A student left a course.', 'EnrollmentDropped', ['course', 'notification', 'payment']),
  enrollmentEvent('enrollment.reactivated', 'A dropped enrollment became active again.', 'EnrollmentReactivated', ['course', 'notification', 'payment']),
  enrollmentEvent('enrollment.suspended', 'An admin suspended an enrollment.', 'EnrollmentSuspended'),
  enrollmentEvent('enrollment.reinstated', 'An admin reinstated a suspended enrollment.', 'EnrollmentReinstated'),
  enrollmentEvent('enrollment.refunded', 'The order that bought an enrollment was refunded: the enrollment ended (status refunded).', 'EnrollmentRefunded', [
    'course',
    'certificate',
    'notification',
    'payment',
  ]),
  enrollmentEvent('lesson.completed', 'A student completed a lesson.', 'LessonCompleted', ['notification', 'payment']),
  enrollmentEvent('enrollment.completed', 'Every required lesson is complete; once per enrollment.', 'EnrollmentCompleted', [
    'course',
    'certificate',
    'notification',
  ]),
  {
    name: 'certificate.commands',
    kind: 'command',
    description: 'Commands the certificate service handles, one record type per command.',
    partitions: 3,
    retentionMs: 7 * DAY,
    cleanupPolicy: 'delete',
    key: 'enrollmentId for an issue, certificateId for a revocation',
    records: ['IssueCertificate', 'RevokeCertificate'].map((name) => ({
      fullName: `smartcourse.commands.certificate.${name}`,
      schemaDir: `certificate.commands/${name}`,
    })),
    owner: 'gateway',
    consumers: ['certificate'],
    personalData: false,
  },
  certificateEvent('certificate.issued', 'A certificate was issued for a completed enrollment; once per enrollment.', 'CertificateIssued'),
  certificateEvent('certificate.revoked', 'An admin revoked a certificate.', 'CertificateRevoked'),
  deadLetters('user', 'Messages the user service could not process.'),
  deadLetters('course', 'Messages the course service could not process.'),
  deadLetters('enrollment-progress', 'Messages the enrollment-progress service could not process.'),
  deadLetters('certificate', 'Messages the certificate service could not process.'),
  deadLetters('notification', 'Messages the notification service could not process.'),
  orderEvent('order.placed', "A student placed an order for a paid course; it waits for the provider's payment.", 'OrderPlaced', []),
  orderEvent('order.paid', "The provider confirmed an order's payment; the buyer is enrolled.", 'OrderPaid', ['enrollment-progress', 'notification']),
  orderEvent('order.refunded', 'An order was refunded through the provider; the enrollment it bought ends.', 'OrderRefunded', [
    'enrollment-progress',
    'notification',
  ]),
  orderEvent('order.failed', 'An order will not be paid: declined, or expired unpaid.', 'OrderFailed', ['notification']),
  deadLetters('media', 'Messages the media service could not process.'),
  deadLetters('payment', 'Messages the payment service could not process.'),
  deadLetters('gateway', 'Command results the gateway could not decode.'),
  {
    name: 'dead_letters.redriven',
    kind: 'event',
    description: 'The audit of `sc dlq redrive`: who sent which dead letters back to their source topics, and when. Read by `sc dlq history`.',
    partitions: 1,
    retentionMs: null,
    cleanupPolicy: 'delete',
    key: 'the dead-letter topic (one partition: the history in the order it happened)',
    records: [{ fullName: 'smartcourse.events.operator.DeadLettersRedriven', schemaDir: 'dead_letters.redriven' }],
    // A person with the CLI, not a process of the topology.
    owner: 'operators',
    consumers: [],
    personalData: false,
  },
];

/** A fact without personal data, kept forever (delete policy, no retention), keyed by its aggregate's id. */
function fact(
  name: string,
  description: string,
  record: { namespace: string; name: string },
  options: { key: string; owner: string; consumers?: string[] },
): TopicSpec {
  return {
    name,
    kind: 'event',
    description,
    partitions: 3,
    retentionMs: null,
    cleanupPolicy: 'delete',
    key: options.key,
    records: [{ fullName: `smartcourse.events.${record.namespace}.${record.name}`, schemaDir: name }],
    owner: options.owner,
    consumers: options.consumers ?? [],
    personalData: false,
  };
}

/** A user fact without personal data, keyed by user id. */
function userEvent(name: string, description: string, recordName: string, options: { personalData: false; consumers?: string[] }): TopicSpec {
  return fact(
    name,
    description,
    { namespace: 'user', name: recordName },
    { key: 'userId', owner: 'user', ...(options.consumers ? { consumers: options.consumers } : {}) },
  );
}

/** A course fact (ids and catalog facts only), keyed by course id. */
function courseEvent(name: string, description: string, recordName: string, consumers: string[] = []): TopicSpec {
  return fact(name, description, { namespace: 'course', name: recordName }, { key: 'courseId', owner: 'course', consumers });
}

/** An enrollment fact (owned by enrollment-progress), keyed by enrollment id. */
function enrollmentEvent(name: string, description: string, recordName: string, consumers: string[] = ['course']): TopicSpec {
  return fact(name, description, { namespace: 'enrollment', name: recordName }, { key: 'enrollmentId', owner: 'enrollment-progress', consumers });
}

/** A certificate fact (ids, the number and dates: never a name or the verification code), keyed by certificate id. */
function orderEvent(name: string, description: string, recordName: string, consumers: string[]): TopicSpec {
  return fact(name, description, { namespace: 'order', name: recordName }, { key: 'orderId', owner: 'payment', consumers });
}

function certificateEvent(name: string, description: string, recordName: string): TopicSpec {
  return fact(name, description, { namespace: 'certificate', name: recordName }, { key: 'certificateId', owner: 'certificate', consumers: ['notification'] });
}

function deadLetters(group: string, description: string): TopicSpec {
  return {
    name: `${group}.dlq`,
    kind: 'dead-letter',
    description: `${description} Original key, value and headers plus error headers.`,
    partitions: 1,
    retentionMs: 14 * DAY,
    cleanupPolicy: 'delete',
    key: 'the original key',
    records: [],
    owner: group,
    consumers: ['operators'],
    personalData: true,
  };
}

export function topic(name: string): TopicSpec {
  const found = topics.find((t) => t.name === name);
  if (!found) throw new Error(`topic ${name} is not in the catalog`);
  return found;
}

/** Registry subject of a record on a topic: TopicNameStrategy for events, TopicRecordNameStrategy for commands. */
export function subjectOf(spec: TopicSpec, record: RecordSpec): string {
  return spec.kind === 'command' ? `${spec.name}-${record.fullName}` : `${spec.name}-value`;
}

/** The dead-letter topic of a consumer group. */
export function deadLetterTopic(group: string): string {
  return `${group}.dlq`;
}
