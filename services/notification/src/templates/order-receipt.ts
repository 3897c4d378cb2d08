import { courseOf, courseTitleOf, numberFact, textFact, type MessageContent, type TemplateData } from './message.js';
import { formatMoney } from './money.js';

/** An amount fact pair (`amountCents` in minor units, `currency`) as text, or null when the event did not carry it. */
export function amountOf(data: TemplateData): string | null {
  const amount = numberFact(data, 'amountCents');
  const currency = textFact(data, 'currency');
  return amount === null || currency === null ? null : formatMoney(amount, currency);
}

/** An order paid (order.paid); facts: `amountCents`, `currency`. The link is the order's PDF receipt. */
export function orderReceipt(data: TemplateData): MessageContent {
  const amount = amountOf(data);
  const paid = amount === null ? 'Your payment' : `Your payment of ${amount}`;
  return {
    subject: `Your receipt for ${courseTitleOf(data)}`,
    paragraphs: [[`${paid} for `, courseOf(data), ' went through: you are enrolled.'], ['Your receipt is ready to download.']],
    action: 'Download your receipt',
    inApp: { title: `Your receipt for ${courseTitleOf(data)}`, body: `${paid} went through: you are enrolled.` },
  };
}
