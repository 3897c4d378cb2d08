import { courseOf, courseTitleOf, type MessageContent, type TemplateData } from './message.js';

/** An order that will not be paid (order.failed: declined, or expired unpaid); in the inbox only. */
export const orderFailed = (data: TemplateData): MessageContent => ({
  subject: `Your payment for ${courseTitleOf(data)} did not go through`,
  paragraphs: [['Your payment for ', courseOf(data), ' did not go through. Nothing was charged; you can try again.']],
  action: 'See the course',
  inApp: { title: `Your payment for ${courseTitleOf(data)} did not go through`, body: 'Nothing was charged; you can try again.' },
});
