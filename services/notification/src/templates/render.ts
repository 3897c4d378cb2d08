import type { NotificationCategory } from '@smartcourse/contracts';
import { assignmentGraded } from './assignment-graded.js';
import { assignmentSubmitted } from './assignment-submitted.js';
import { certificateIssued } from './certificate-issued.js';
import { certificateRevoked } from './certificate-revoked.js';
import { courseArchived } from './course-archived.js';
import { courseCompleted } from './course-completed.js';
import { enrolled } from './enrolled.js';
import { layOut, type RenderedMessage } from './layout.js';
import { lessonCompleted } from './lesson-completed.js';
import type { MessageContent, TemplateData } from './message.js';
import { orderFailed } from './order-failed.js';
import { orderReceipt } from './order-receipt.js';
import { orderRefunded } from './order-refunded.js';
import { quizGraded } from './quiz-graded.js';
import { welcome } from './welcome.js';

export type { RenderedMessage } from './layout.js';
export type { TemplateData } from './message.js';

const templates = {
  welcome,
  enrolled,
  'lesson-completed': lessonCompleted,
  'quiz-graded': quizGraded,
  'assignment-submitted': assignmentSubmitted,
  'assignment-graded': assignmentGraded,
  'course-completed': courseCompleted,
  'certificate-issued': certificateIssued,
  'certificate-revoked': certificateRevoked,
  'course-archived': courseArchived,
  'order-receipt': orderReceipt,
  'order-refunded': orderRefunded,
  'order-failed': orderFailed,
} satisfies Record<string, (data: TemplateData) => MessageContent>;

export type TemplateName = keyof typeof templates;
export const templateNames = Object.keys(templates) as TemplateName[];

/** The preference category each template's notifications belong to (DOMAIN.md §5). */
export const templateCategory: Record<TemplateName, NotificationCategory> = {
  welcome: 'account',
  enrolled: 'enrollment',
  'lesson-completed': 'progress',
  'quiz-graded': 'assessment',
  'assignment-submitted': 'teaching',
  'assignment-graded': 'assessment',
  'course-completed': 'progress',
  'certificate-issued': 'certificate',
  'certificate-revoked': 'certificate',
  'course-archived': 'course',
  // Receipts and refunds are records of money: account mail, which cannot be switched off.
  'order-receipt': 'account',
  'order-refunded': 'account',
  'order-failed': 'account',
};

/** A notification in every form it is sent: subject, text and HTML mail bodies, in-app title and body. */
export function renderTemplate(name: TemplateName, data: TemplateData): RenderedMessage {
  return layOut(templates[name](data), data, templateCategory[name]);
}
