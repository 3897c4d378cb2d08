import { courseOf, courseTitleOf, type MessageContent, type TemplateData } from './message.js';
import { amountOf } from './order-receipt.js';

/** An order refunded (order.refunded); facts: `amountCents`, `currency`. */
export function orderRefunded(data: TemplateData): MessageContent {
  const amount = amountOf(data);
  const refund = amount === null ? 'Your refund' : `Your refund of ${amount}`;
  return {
    subject: `Your refund for ${courseTitleOf(data)}`,
    paragraphs: [[`${refund} for `, courseOf(data), ' has been issued. Your enrollment in the course has ended.']],
    action: 'See your order',
    inApp: { title: `Your refund for ${courseTitleOf(data)}`, body: `${refund} has been issued; your enrollment has ended.` },
  };
}
