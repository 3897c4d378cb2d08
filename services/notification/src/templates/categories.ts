import type { NotificationCategory } from '@smartcourse/contracts';

/** How a category is named to a person, in mail footers and on the unsubscribe page. */
export const categoryLabel: Record<NotificationCategory, string> = {
  account: 'account',
  enrollment: 'enrollment',
  progress: 'course progress',
  assessment: 'quiz and assignment result',
  teaching: 'new submission',
  certificate: 'certificate',
  course: 'course update',
};
