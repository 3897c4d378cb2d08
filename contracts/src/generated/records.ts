// Generated from contracts/schemas (latest version of each) by `npx tsx contracts/scripts/generate-types.ts`. Do not edit.

export interface Actor {
  userId: string;
  role: string;
}

export interface AddLesson {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleId: string;
  lessonId: string;
  title: string;
  kind: string;
  durationMinutes: number;
  isPreview: boolean;
  required: boolean;
  body: LessonContent;
}

export interface AddModule {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleId: string;
  title: string;
}

export interface ArchiveCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
}

export interface AssignmentGraded {
  eventId: string;
  occurredAt: number;
  submissionId: string;
  assignmentId: string;
  lessonId: string;
  courseId: string;
  studentId: string;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  latePenaltyPercent: number;
  revision: number;
}

export interface AssignmentSubmitted {
  eventId: string;
  occurredAt: number;
  submissionId: string;
  assignmentId: string;
  lessonId: string;
  courseId: string;
  studentId: string;
  version: number;
  late: boolean;
}

export interface CertificateIssued {
  eventId: string;
  occurredAt: number;
  certificateId: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  number: string;
  issuedAt: number;
}

export interface CertificateRevoked {
  eventId: string;
  occurredAt: number;
  certificateId: string;
  studentId: string;
  courseId: string;
  reason: string;
  revokedAt: number;
}

export interface ChangeRole {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  role: string;
}

export interface CommandResult {
  commandId: string;
  commandType: string;
  aggregateId: string;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  errorDetails: string | null;
  occurredAt: number;
}

export interface CompleteLesson {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  studentId: string;
  lessonId: string;
}

export interface ContentAttachment {
  name: string;
  url: string;
  sizeBytes: number | null;
  contentType: string | null;
}

export interface ContentLink {
  title: string | null;
  url: string;
  sizeBytes: number | null;
  contentType: string | null;
}

export interface CourseArchived {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  by: string;
}

export interface CourseCreated {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  slug: string;
  title: string;
  summary: string;
  category: string | null;
  tags: string[];
  level: string;
  language: string;
  priceCents: number;
  currency: string;
}

export interface CourseDeleted {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  by: string;
}

export interface CoursePublished {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  slug: string;
  title: string;
  summary: string;
  category: string | null;
  tags: string[];
  level: string;
  language: string;
  priceCents: number;
  currency: string;
  structureVersion: number;
}

export interface CourseStructureChanged {
  eventId: string;
  occurredAt: number;
  courseId: string;
  structureVersion: number;
  modules: StructureModule[];
}

export interface CourseUnpublished {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  by: string;
}

export interface CourseUpdated {
  eventId: string;
  occurredAt: number;
  courseId: string;
  instructorId: string;
  slug: string;
  title: string;
  summary: string;
  category: string | null;
  tags: string[];
  level: string;
  language: string;
  priceCents: number;
  currency: string;
  status: string;
  changedFields: string[];
}

export interface CreateCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  title: string;
  summary: string;
  description: string | null;
  category: string | null;
  tags: string[];
  level: string;
  language: string;
  priceCents: number;
  currency: string;
  thumbnailUrl: string | null;
  thumbnailFileId: string | null;
}

export interface DeactivateUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  reason: string | null;
}

export interface DeadLettersRedriven {
  eventId: string;
  occurredAt: number;
  operator: string;
  deadLetterTopic: string;
  selection: string;
  again: boolean;
  targetTopics: string[];
  records: RedrivenRecord[];
}

export interface DeleteCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
}

export interface DropEnrollment {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  enrollmentId: string;
}

export interface Enroll {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  enrollmentId: string;
  studentId: string;
  courseId: string;
}

export interface EnrollmentCompleted {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  completedAt: number;
  scorePercent: number | null;
}

export interface EnrollmentCreated {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  enrolledAt: number;
  source: string;
  orderId: string | null;
}

export interface EnrollmentDropped {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  by: string;
}

export interface EnrollmentReactivated {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
}

export interface EnrollmentRefunded {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  orderId: string;
  refundedAt: number;
}

export interface EnrollmentReinstated {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  by: string;
  reason: string | null;
}

export interface EnrollmentSuspended {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  by: string;
  reason: string | null;
}

export interface EraseUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
}

export interface FileDeleted {
  eventId: string;
  occurredAt: number;
  fileId: string;
  ownerId: string;
  purpose: string;
  by: string;
  reason: string;
}

export interface FileUploaded {
  eventId: string;
  occurredAt: number;
  fileId: string;
  ownerId: string;
  purpose: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface InstructorProfileUpdated {
  eventId: string;
  occurredAt: number;
  userId: string;
  title: string;
  bio: string;
  expertise: string[];
}

export interface IssueCertificate {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  completedAt: number;
  scorePercent: number | null;
}

export interface LessonCompleted {
  eventId: string;
  occurredAt: number;
  enrollmentId: string;
  studentId: string;
  courseId: string;
  version: number;
  lessonId: string;
  completedAt: number;
  percent: number;
}

export interface LessonContent {
  markdown: string | null;
  videoUrl: string | null;
  attachments: ContentAttachment[];
  videoFileId: string | null;
  attachmentFileIds: string[];
  links: ContentLink[];
}

export interface OrderFailed {
  eventId: string;
  occurredAt: number;
  orderId: string;
  studentId: string;
  courseId: string;
  instructorId: string;
  reason: string;
  failedAt: number;
}

export interface OrderPaid {
  eventId: string;
  occurredAt: number;
  orderId: string;
  studentId: string;
  courseId: string;
  instructorId: string;
  amountCents: number;
  currency: string;
  provider: string;
  paidAt: number;
}

export interface OrderPlaced {
  eventId: string;
  occurredAt: number;
  orderId: string;
  studentId: string;
  courseId: string;
  instructorId: string;
  amountCents: number;
  currency: string;
  discountCents: number;
  couponId: string | null;
  provider: string;
}

export interface OrderRefunded {
  eventId: string;
  occurredAt: number;
  orderId: string;
  studentId: string;
  courseId: string;
  instructorId: string;
  refundId: string;
  amountCents: number;
  currency: string;
  initiatedBy: string;
  refundedAt: number;
}

export interface PublishCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
}

export interface QuizAttemptGraded {
  eventId: string;
  occurredAt: number;
  attemptId: string;
  quizId: string;
  lessonId: string;
  courseId: string;
  studentId: string;
  attemptNumber: number;
  score: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  quizGradePercent: number;
  quizPassed: boolean;
}

export interface ReactivateUser {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
}

export interface RecordVisit {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  studentId: string;
  lessonId: string;
  secondsSpent: number;
}

export interface RedrivenRecord {
  partition: number;
  offset: number;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: number;
  key: string | null;
  messageId: string | null;
  attempt: number;
}

export interface ReinstateEnrollment {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  enrollmentId: string;
  reason: string | null;
}

export interface RemoveLesson {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  lessonId: string;
}

export interface RemoveModule {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleId: string;
}

export interface ReorderLessons {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleId: string;
  lessonIds: string[];
}

export interface ReorderModules {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleIds: string[];
}

export interface RevokeCertificate {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  certificateId: string;
  reason: string;
}

export interface StructureLesson {
  lessonId: string;
  title: string;
  kind: string;
  required: boolean;
  durationMinutes: number;
  isPreview: boolean;
  quizId: string | null;
}

export interface StructureModule {
  moduleId: string;
  title: string;
  lessons: StructureLesson[];
}

export interface SuspendEnrollment {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  enrollmentId: string;
  reason: string | null;
}

export interface UnpublishCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
}

export interface UpdateCourse {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  title: string | null;
  summary: string | null;
  description: string | null;
  category: string | null;
  tags: string[] | null;
  level: string | null;
  language: string | null;
  priceCents: number | null;
  currency: string | null;
  thumbnailUrl: string | null;
  thumbnailFileId: string | null;
  clear: string[];
}

export interface UpdateInstructorProfile {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  title: string;
  bio: string;
  expertise: string[];
}

export interface UpdateLesson {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  lessonId: string;
  title: string | null;
  kind: string | null;
  durationMinutes: number | null;
  isPreview: boolean | null;
  required: boolean | null;
  body: LessonContent | null;
}

export interface UpdateModule {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  courseId: string;
  moduleId: string;
  title: string;
}

export interface UpdateProfile {
  commandId: string;
  issuedAt: number;
  actor: Actor;
  userId: string;
  fullName: string | null;
  bio: string | null;
  avatarFileId: string | null;
  clear: string[];
}

export interface UserDeactivated {
  eventId: string;
  occurredAt: number;
  userId: string;
  reason: string | null;
  by: string;
}

export interface UserEmailVerified {
  eventId: string;
  occurredAt: number;
  userId: string;
}

export interface UserErased {
  eventId: string;
  occurredAt: number;
  userId: string;
  by: string;
}

export interface UserProfileUpdated {
  eventId: string;
  occurredAt: number;
  userId: string;
  fullName: string;
  bio: string | null;
}

export interface UserReactivated {
  eventId: string;
  occurredAt: number;
  userId: string;
  by: string;
}

export interface UserRegistered {
  eventId: string;
  occurredAt: number;
  userId: string;
  email: string;
  fullName: string;
  role: string;
  emailVerified: boolean;
}

export interface UserRoleChanged {
  eventId: string;
  occurredAt: number;
  userId: string;
  role: string;
  previousRole: string;
  by: string;
}

/** Record type of each event and result topic. */
export interface TopicRecords {
  'assignment.graded': AssignmentGraded;
  'assignment.submitted': AssignmentSubmitted;
  'certificate.issued': CertificateIssued;
  'certificate.revoked': CertificateRevoked;
  'command.results': CommandResult;
  'course.archived': CourseArchived;
  'course.created': CourseCreated;
  'course.deleted': CourseDeleted;
  'course.published': CoursePublished;
  'course.structure_changed': CourseStructureChanged;
  'course.unpublished': CourseUnpublished;
  'course.updated': CourseUpdated;
  'dead_letters.redriven': DeadLettersRedriven;
  'enrollment.completed': EnrollmentCompleted;
  'enrollment.created': EnrollmentCreated;
  'enrollment.dropped': EnrollmentDropped;
  'enrollment.reactivated': EnrollmentReactivated;
  'enrollment.refunded': EnrollmentRefunded;
  'enrollment.reinstated': EnrollmentReinstated;
  'enrollment.suspended': EnrollmentSuspended;
  'file.deleted': FileDeleted;
  'file.uploaded': FileUploaded;
  'instructor.profile_updated': InstructorProfileUpdated;
  'lesson.completed': LessonCompleted;
  'order.failed': OrderFailed;
  'order.paid': OrderPaid;
  'order.placed': OrderPlaced;
  'order.refunded': OrderRefunded;
  'quiz.attempt_graded': QuizAttemptGraded;
  'user.deactivated': UserDeactivated;
  'user.email_verified': UserEmailVerified;
  'user.erased': UserErased;
  'user.profile_updated': UserProfileUpdated;
  'user.reactivated': UserReactivated;
  'user.registered': UserRegistered;
  'user.role_changed': UserRoleChanged;
}

/** Record type of each command, by Avro full name. */
export interface CommandRecords {
  'smartcourse.commands.certificate.IssueCertificate': IssueCertificate;
  'smartcourse.commands.certificate.RevokeCertificate': RevokeCertificate;
  'smartcourse.commands.course.AddLesson': AddLesson;
  'smartcourse.commands.course.AddModule': AddModule;
  'smartcourse.commands.course.ArchiveCourse': ArchiveCourse;
  'smartcourse.commands.course.CreateCourse': CreateCourse;
  'smartcourse.commands.course.DeleteCourse': DeleteCourse;
  'smartcourse.commands.course.PublishCourse': PublishCourse;
  'smartcourse.commands.course.RemoveLesson': RemoveLesson;
  'smartcourse.commands.course.RemoveModule': RemoveModule;
  'smartcourse.commands.course.ReorderLessons': ReorderLessons;
  'smartcourse.commands.course.ReorderModules': ReorderModules;
  'smartcourse.commands.course.UnpublishCourse': UnpublishCourse;
  'smartcourse.commands.course.UpdateCourse': UpdateCourse;
  'smartcourse.commands.course.UpdateLesson': UpdateLesson;
  'smartcourse.commands.course.UpdateModule': UpdateModule;
  'smartcourse.commands.enrollment.CompleteLesson': CompleteLesson;
  'smartcourse.commands.enrollment.DropEnrollment': DropEnrollment;
  'smartcourse.commands.enrollment.Enroll': Enroll;
  'smartcourse.commands.enrollment.RecordVisit': RecordVisit;
  'smartcourse.commands.enrollment.ReinstateEnrollment': ReinstateEnrollment;
  'smartcourse.commands.enrollment.SuspendEnrollment': SuspendEnrollment;
  'smartcourse.commands.user.ChangeRole': ChangeRole;
  'smartcourse.commands.user.DeactivateUser': DeactivateUser;
  'smartcourse.commands.user.EraseUser': EraseUser;
  'smartcourse.commands.user.ReactivateUser': ReactivateUser;
  'smartcourse.commands.user.UpdateInstructorProfile': UpdateInstructorProfile;
  'smartcourse.commands.user.UpdateProfile': UpdateProfile;
}
