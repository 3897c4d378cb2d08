import { courseOf, courseTitleOf, type MessageContent, type TemplateData } from './message.js';

/** A student enrolled in a course (enrollment.created). */
export const enrolled = (data: TemplateData): MessageContent => ({
  subject: `You are enrolled in ${courseTitleOf(data)}`,
  paragraphs: [['You are now enrolled in ', courseOf(data), '. Your first lesson is waiting for you.']],
  action: 'Start learning',
  inApp: { title: `Enrolled in ${courseTitleOf(data)}`, body: 'Your first lesson is waiting for you.' },
});
