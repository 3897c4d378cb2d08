import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatMoney } from '@smartcourse/platform';
import type { OrderRow } from '../orders/store.js';

// An embedded font, so that course titles in any Latin, Greek or Cyrillic script print.
const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** The receipt of a paid order (marked refunded once it is): one A4 page; the same order always gives the same bytes. */
export async function renderReceiptPdf(order: OrderRow): Promise<Buffer> {
  const paidAt = order.paidAt ?? order.placedAt;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Receipt ${order.id}`, Author: 'SmartCourse', CreationDate: paidAt } });
  doc.registerFont('regular', REGULAR).registerFont('bold', BOLD);
  const money = (cents: number) => formatMoney(cents, order.currency);

  doc.font('bold').fontSize(22).text('SmartCourse').moveDown(0.3);
  doc
    .font('regular')
    .fontSize(14)
    .text(order.status === 'refunded' ? 'Receipt — refunded' : 'Receipt')
    .moveDown(1.2);
  const line = (label: string, value: string) => doc.font('regular').fontSize(11).text(`${label}: `, { continued: true }).font('bold').text(value);
  line('Order', order.id);
  line('Paid', DATE.format(paidAt));
  line('Buyer account', order.studentId);
  line('Payment', order.provider === 'fake' ? 'test payment (fake provider)' : order.provider);
  doc.moveDown(1.2);
  line('Course', order.courseTitle);
  line('Price', money(order.listPriceCents));
  if (order.discountCents > 0) line(`Discount${order.couponCode ? ` (${order.couponCode})` : ''}`, `-${money(order.discountCents)}`);
  line('Total paid', money(order.amountCents));
  if (order.status === 'refunded' && order.refundedAt) line('Refunded', `${money(order.amountCents)} on ${DATE.format(order.refundedAt)}`);
  doc.moveDown(2).font('regular').fontSize(9).fillColor('#5a6270').text(`Amounts in ${order.currency}.`);
  doc.end();

  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
