import type { MessageContent, TemplateData } from './message.js';

/** A new account (user.registered). */
export const welcome = (_data: TemplateData): MessageContent => ({
  subject: 'Welcome to SmartCourse',
  paragraphs: [['Your SmartCourse account is ready. Browse the catalogue and enroll in your first course.']],
  action: 'Browse the catalogue',
  inApp: { title: 'Welcome to SmartCourse', body: 'Your account is ready. Browse the catalogue and enroll in your first course.' },
});
