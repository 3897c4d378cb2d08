import { describe, expect, it } from '@jest/globals';
import { renderTemplate, templateCategory, templateNames, type TemplateData, type TemplateName } from './render.js';

const facts: Record<TemplateName, TemplateData['facts']> = {
  welcome: {},
  enrolled: {},
  'lesson-completed': { percent: 40 },
  'quiz-graded': { gradePercent: 85, passed: true, attemptNumber: 2 },
  'assignment-submitted': { version: 2, late: true },
  'assignment-graded': { score: 7.5, maxScore: 10, percent: 75, passed: true, latePenaltyPercent: 10 },
  'course-completed': { scorePercent: 91 },
  'certificate-issued': { number: 'SC-2026-000123' },
  'certificate-revoked': { number: 'SC-2026-000123', reason: 'Issued by mistake' },
  'course-archived': {},
  'order-receipt': { amountCents: 4900, currency: 'EUR' },
  'order-refunded': { amountCents: 1999, currency: 'USD' },
  'order-failed': {},
};

const dataFor = (name: TemplateName, overrides: Partial<TemplateData> = {}): TemplateData => ({
  recipientName: 'Ada Lovelace',
  courseTitle: 'Analytical Engines',
  link: 'https://app.example.test/courses/42',
  facts: facts[name],
  ...overrides,
});

const UNSUBSCRIBE = 'https://app.example.test/api/notifications/unsubscribe?token=abc.def';

describe('renderTemplate', () => {
  it.each(templateNames)('%s renders the name, the course title and the link in every part', (name) => {
    const message = renderTemplate(name, dataFor(name));
    expect(message.subject).not.toBe('');
    expect(message.text).toContain('Hello Ada Lovelace,');
    expect(message.html).toContain('Hello Ada Lovelace,');
    expect(message.text).toContain('https://app.example.test/courses/42');
    expect(message.html).toContain('href="https://app.example.test/courses/42"');
    expect(message.inApp.title).not.toBe('');
    expect(message.inApp.body).not.toBe('');
    if (name !== 'welcome') {
      expect(message.subject).toContain('Analytical Engines');
      expect(message.text).toContain('Analytical Engines');
      expect(message.html).toContain('<strong>Analytical Engines</strong>');
      expect(message.inApp.title).toContain('Analytical Engines');
    }
  });

  it.each(templateNames)('%s greets neutrally without a name and says "your course" without a title', (name) => {
    const message = renderTemplate(name, dataFor(name, { recipientName: null, courseTitle: null }));
    expect(message.text.startsWith('Hello,\n')).toBe(true);
    expect(message.html).toContain('>Hello,</p>');
    for (const part of [message.subject, message.text, message.html, message.inApp.title, message.inApp.body]) {
      expect(part).not.toMatch(/null|undefined|NaN/);
    }
    if (name !== 'welcome') expect(`${message.subject} ${message.text}`.toLowerCase()).toContain('your course');
  });

  it.each(templateNames)('%s renders without its optional facts', (name) => {
    const message = renderTemplate(name, dataFor(name, { facts: {} }));
    for (const part of [message.subject, message.text, message.html, message.inApp.title, message.inApp.body]) {
      expect(part).not.toMatch(/null|undefined|NaN/);
    }
  });

  it('escapes a script in a course title, a name and a link in the HTML body, and keeps them as written in the text', () => {
    const hostile = '<script>alert("x")</script> & Co';
    const message = renderTemplate(
      'enrolled',
      dataFor('enrolled', { courseTitle: hostile, recipientName: `O'Brien <b>`, link: 'https://app.example.test/?a=1&b="2"' }),
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(message.html).toContain('O&#39;Brien &lt;b&gt;');
    expect(message.html).toContain('href="https://app.example.test/?a=1&amp;b=&quot;2&quot;"');
    expect(message.text).toContain(hostile);
    expect(message.subject).toContain(hostile);
  });

  it.each(templateNames)('%s has no HTML in its text body', (name) => {
    const { text } = renderTemplate(name, dataFor(name, { unsubscribeUrl: UNSUBSCRIBE }));
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
  });

  it.each(templateNames.filter((name) => templateCategory[name] !== 'account'))('%s ends with the unsubscribe footer only when given a URL', (name) => {
    const without = renderTemplate(name, dataFor(name));
    expect(without.text).not.toContain('Unsubscribe');
    expect(without.html).not.toContain('Unsubscribe');
    const withUrl = renderTemplate(name, dataFor(name, { unsubscribeUrl: UNSUBSCRIBE }));
    expect(withUrl.text).toMatch(new RegExp(`Unsubscribe from [a-z ]+ emails: ${UNSUBSCRIBE.replace(/[.?]/g, '\\$&')}$`));
    expect(withUrl.html).toContain(`href="${UNSUBSCRIBE}"`);
    expect(withUrl.html).toMatch(/>Unsubscribe from [a-z ]+ emails<\/a>/);
    expect(renderTemplate(name, dataFor(name, { unsubscribeUrl: null })).text).not.toContain('Unsubscribe');
  });

  it('names the category in the footer', () => {
    expect(renderTemplate('quiz-graded', dataFor('quiz-graded', { unsubscribeUrl: UNSUBSCRIBE })).text).toContain(
      'Unsubscribe from quiz and assignment result emails',
    );
    expect(renderTemplate('certificate-issued', dataFor('certificate-issued', { unsubscribeUrl: UNSUBSCRIBE })).text).toContain(
      'Unsubscribe from certificate emails',
    );
  });

  it('says what the facts say', () => {
    expect(renderTemplate('quiz-graded', dataFor('quiz-graded')).text).toContain('Your attempt #2 in Analytical Engines has been graded. You passed with 85%.');
    expect(renderTemplate('quiz-graded', dataFor('quiz-graded', { facts: { gradePercent: 40, passed: false, attemptNumber: 1 } })).inApp.body).toBe(
      'You did not pass this time with 40%.',
    );
    expect(renderTemplate('lesson-completed', dataFor('lesson-completed')).inApp.body).toContain('40% through');
    expect(renderTemplate('course-completed', dataFor('course-completed')).text).toContain('Your score: 91%.');
    expect(renderTemplate('certificate-issued', dataFor('certificate-issued')).text).toContain('SC-2026-000123');
    expect(renderTemplate('certificate-revoked', dataFor('certificate-revoked')).text).toContain('Issued by mistake');
    const receipt = renderTemplate('order-receipt', dataFor('order-receipt'));
    expect(receipt.subject).toBe('Your receipt for Analytical Engines');
    expect(receipt.text).toContain('Your payment of €49.00 for Analytical Engines went through');
    expect(renderTemplate('order-refunded', dataFor('order-refunded')).subject).toBe('Your refund for Analytical Engines');
    expect(renderTemplate('order-refunded', dataFor('order-refunded')).text).toContain('Your refund of $19.99');
    expect(renderTemplate('order-failed', dataFor('order-failed')).inApp.title).toBe('Your payment for Analytical Engines did not go through');
  });

  it('keeps receipts, refunds and failed payments in account mail, which cannot be switched off', () => {
    for (const name of ['order-receipt', 'order-refunded', 'order-failed'] as const) expect(templateCategory[name]).toBe('account');
  });
});
