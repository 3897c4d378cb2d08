import { categoryLabel } from '../templates/categories.js';
import { escapeHtml } from '../templates/html.js';
import type { UnsubscribeCategory } from './token.js';

function page(title: string, body: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1d2330">',
    '<main style="max-width:480px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>`,
    ...body,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * What a GET of an unsubscribe link shows: a question and a button. It changes nothing, since
 * mail scanners follow links; the button POSTs the RFC 8058 body to the same link.
 */
export function confirmationPage(category: UnsubscribeCategory, token: string): string {
  const label = categoryLabel[category];
  return page(`Unsubscribe from ${label} emails?`, [
    `<p style="margin:0 0 16px">You will no longer receive ${escapeHtml(label)} emails from SmartCourse. In-app notifications and account emails are not affected.</p>`,
    `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">`,
    '<input type="hidden" name="List-Unsubscribe" value="One-Click">',
    '<button type="submit" style="padding:10px 16px;font-size:16px;border:0;border-radius:6px;background:#1a56db;color:#ffffff">Unsubscribe</button>',
    '</form>',
  ]);
}

/** What a POST of an unsubscribe link answers a browser: done. */
export function unsubscribedPage(category: UnsubscribeCategory): string {
  const label = categoryLabel[category];
  return page(`You are unsubscribed from ${label} emails`, [
    `<p style="margin:0">SmartCourse will send you no more ${escapeHtml(label)} emails. You can switch them back on in your notification preferences.</p>`,
  ]);
}
