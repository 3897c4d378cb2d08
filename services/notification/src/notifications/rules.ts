import type { UserRegistered } from '@smartcourse/contracts';
import type { Email } from '@smartcourse/platform';

/** The welcome email for a new account. */
export function welcomeEmail(event: UserRegistered): Email {
  return {
    to: event.email,
    subject: 'Welcome to SmartCourse',
    text: [
      `Hello ${event.fullName},`,
      '',
      'Your SmartCourse account is ready. Browse the catalogue and enroll in your first course.',
      '',
      'The SmartCourse team',
    ].join('\n'),
  };
}
