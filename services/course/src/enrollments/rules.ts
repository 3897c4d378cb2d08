/** The replica's view of an enrollment, as enrollment-progress's events say. */
export type EnrollmentStatus = 'active' | 'dropped' | 'suspended' | 'completed' | 'refunded';

export interface EnrollmentFact {
  id: string;
  studentId: string;
  courseId: string;
  status: EnrollmentStatus;
  version: number;
}

/** The status each enrollment event leaves the enrollment in. */
export const statusAfter = {
  'enrollment.created': 'active',
  'enrollment.dropped': 'dropped',
  'enrollment.reactivated': 'active',
  'enrollment.suspended': 'suspended',
  'enrollment.reinstated': 'active',
  'enrollment.completed': 'completed',
  // The order that bought it was refunded: the enrollment ended, as a drop does.
  'enrollment.refunded': 'refunded',
} as const satisfies Record<string, EnrollmentStatus>;

export type EnrollmentTopic = keyof typeof statusAfter;

/** Students with an active or completed enrollment read the course's bodies and take its quizzes. */
export const mayStudy = (status: EnrollmentStatus | undefined): boolean => status === 'active' || status === 'completed';

/** Why the student may not start or submit a quiz attempt now: only an active or completed enrollment takes quizzes, even mid-attempt. */
export function attemptRefusal(status: EnrollmentStatus | undefined): { code: 'ENROLLMENT_SUSPENDED' | 'ENROLLMENT_REQUIRED'; message: string } | undefined {
  if (mayStudy(status)) return undefined;
  if (status === 'suspended')
    return { code: 'ENROLLMENT_SUSPENDED', message: 'Your enrollment is suspended: quizzes are closed until an admin reinstates it.' };
  return { code: 'ENROLLMENT_REQUIRED', message: 'Enroll in the course first.' };
}
