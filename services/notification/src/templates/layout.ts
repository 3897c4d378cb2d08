import type { NotificationCategory } from '@smartcourse/contracts';
import { categoryLabel } from './categories.js';
import { escapeHtml } from './html.js';
import type { MessageContent, Segment, TemplateData } from './message.js';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  inApp: { title: string; body: string };
}

const SIGN_OFF = 'The SmartCourse team';

const greetingOf = (data: TemplateData) => (data.recipientName ? `Hello ${data.recipientName},` : 'Hello,');
const plain = (segments: readonly Segment[]) => segments.map((segment) => (typeof segment === 'string' ? segment : segment.strong)).join('');
const marked = (segments: readonly Segment[]) =>
  segments.map((segment) => (typeof segment === 'string' ? escapeHtml(segment) : `<strong>${escapeHtml(segment.strong)}</strong>`)).join('');

function footerOf(category: NotificationCategory, data: TemplateData): { label: string; url: string } | undefined {
  return data.unsubscribeUrl ? { label: `Unsubscribe from ${categoryLabel[category]} emails`, url: data.unsubscribeUrl } : undefined;
}

function textBody(content: MessageContent, data: TemplateData, category: NotificationCategory): string {
  const footer = footerOf(category, data);
  return [
    greetingOf(data),
    '',
    ...content.paragraphs.flatMap((paragraph) => [plain(paragraph), '']),
    `${content.action}: ${data.link}`,
    '',
    SIGN_OFF,
    ...(footer ? ['', '--', `${footer.label}: ${footer.url}`] : []),
  ].join('\n');
}

function htmlBody(content: MessageContent, data: TemplateData, category: NotificationCategory): string {
  const footer = footerOf(category, data);
  const paragraph = (inner: string) => `<p style="margin:0 0 16px">${inner}</p>`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1d2330">',
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">',
    paragraph(escapeHtml(greetingOf(data))),
    ...content.paragraphs.map((segments) => paragraph(marked(segments))),
    paragraph(`<a href="${escapeHtml(data.link)}" style="color:#1a56db">${escapeHtml(content.action)}</a>`),
    paragraph(escapeHtml(SIGN_OFF)),
    '</div>',
    ...(footer
      ? [
          `<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280"><a href="${escapeHtml(footer.url)}" style="color:#6b7280">${escapeHtml(footer.label)}</a></p>`,
        ]
      : []),
    '</body>',
    '</html>',
  ].join('\n');
}

/** One message in every form it is sent: the mail's subject, text and HTML bodies, and the in-app entry. */
export function layOut(content: MessageContent, data: TemplateData, category: NotificationCategory): RenderedMessage {
  return { subject: content.subject, text: textBody(content, data, category), html: htmlBody(content, data, category), inApp: content.inApp };
}
