/** The replica's view of a course, from the course service's events. */
export interface CourseReplica {
  id: string;
  instructorId: string;
  title: string | null;
  priceCents: number | null;
  /** ISO 4217; null only for a course kept before the replica had currencies and not updated since. */
  currency: string | null;
  status: string;
}

/** One lesson of a course's current structure, in outline order. */
export interface StructureLesson {
  lessonId: string;
  kind: string;
  required: boolean;
  quizId: string | null;
}

/** Only a published course takes enrollments. */
export const isEnrollable = (course: CourseReplica | undefined): course is CourseReplica => course?.status === 'published';

/** A paid course is bought with an order (payment service); its enrollment follows from `order.paid`. */
export const isPaid = (course: CourseReplica): boolean => (course.priceCents ?? 0) > 0;

/** The instructor of the course and admins see its enrollments; a demoted instructor no longer does. */
export const teaches = (course: Pick<CourseReplica, 'instructorId'> | undefined, actor: { userId: string; role: string }): boolean =>
  actor.role === 'admin' || (actor.role === 'instructor' && course?.instructorId === actor.userId);
