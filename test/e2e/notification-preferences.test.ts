import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { enroll, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { mailTo } from '../support/mail.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

let first: PublishedCourse;
let second: PublishedCourse;

usePlatform();
beforeAll(async () => {
  const admin = await newAdmin();
  const instructor = await newInstructor(admin, 'Unsubscribed');
  [first, second] = await Promise.all([publishedCourse(instructor.token), publishedCourse(instructor.token)]);
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

/** A message in the SMTP sink, with the headers its API reports (lower-case names). */
interface SinkMail {
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}
const mailsTo = async (email: string) => (await mailTo(email)) as unknown as SinkMail[];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The link of a List-Unsubscribe header, as a path and query on the gateway under test. */
function linkOf(mail: SinkMail): string {
  const header = mail.headers['list-unsubscribe'];
  expect(header).toMatch(/^<https?:\/\/[^>]+\/api\/notifications\/unsubscribe\?token=[^>]+>$/);
  const url = new URL(header!.slice(1, -1));
  return `${url.pathname}${url.search}`;
}

async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${env.gatewayUrl}${path}`, { method, headers: init.headers, body: init.body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('notification preferences through the gateway', () => {
  it('shows every switch on at first, changes only the ones named, and keeps account mail on', async () => {
    const person = await newUser('Preferring');
    const initial = await api('GET', '/api/notifications/preferences', { token: person.token });
    expect(initial.status).toBe(200);
    expect(Object.values(initial.body.data.categories)).toEqual(Array(7).fill({ email: true, inApp: true }));

    const changed = await api('PUT', '/api/notifications/preferences', {
      token: person.token,
      body: { categories: { progress: { email: false }, course: { inApp: false } } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.categories).toMatchObject({
      progress: { email: false, inApp: true },
      course: { email: true, inApp: false },
      enrollment: { email: true, inApp: true },
    });
    expect((await api('GET', '/api/notifications/preferences', { token: person.token })).body).toEqual(changed.body);

    const refused = await api('PUT', '/api/notifications/preferences', { token: person.token, body: { categories: { account: { email: false } } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'categories.account.email' }] });
    expect((await api('GET', '/api/notifications/preferences')).status).toBe(401);
  });
});

describe('one-click unsubscribe (RFC 8058) end to end', () => {
  it('puts List-Unsubscribe on a non-account mail only; GET changes nothing, POST stops that category of mail', async () => {
    const student = await newUser('OneClick');
    expect((await enroll(student.token, first.courseId)).status).toBe(201);
    const mails = await eventually(
      () => mailsTo(student.email),
      (found) => found.some((mail) => /enrolled/i.test(mail.subject)) && found.some((mail) => mail.subject === 'Welcome to SmartCourse'),
      30_000,
    );

    const welcome = mails.find((mail) => mail.subject === 'Welcome to SmartCourse')!;
    expect(welcome.headers['list-unsubscribe']).toBeUndefined();
    expect(welcome.text).not.toContain('Unsubscribe');
    const enrolled = mails.find((mail) => /enrolled/i.test(mail.subject))!;
    expect(enrolled.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = linkOf(enrolled);
    expect(enrolled.text).toContain(`Unsubscribe from enrollment emails: `);
    expect(enrolled.text).toContain(link);

    // A mail scanner following the link: a page with a button, and nothing changes.
    const page = await call('GET', link);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<form method="post"');
    expect((await api('GET', '/api/notifications/preferences', { token: student.token })).body.data.categories.enrollment).toEqual({
      email: true,
      inApp: true,
    });

    // The mail client's one-click POST, without a session.
    const unsubscribed = await call('POST', link, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribed.status).toBe(200);
    expect((await api('GET', '/api/notifications/preferences', { token: student.token })).body.data.categories.enrollment).toEqual({
      email: false,
      inApp: true,
    });
    expect((await call('POST', link)).status).toBe(200);

    // The next enrollment reaches the inbox but sends no mail.
    expect((await enroll(student.token, second.courseId)).status).toBe(201);
    await eventually(
      async () => (await api('GET', '/api/notifications?per_page=100', { token: student.token })).body.data as Array<{ kind: string }>,
      (entries) => entries.filter((entry) => entry.kind === 'enrolled').length === 2,
      20_000,
    );
    await sleep(2_000);
    expect((await mailsTo(student.email)).filter((mail) => /enrolled/i.test(mail.subject))).toHaveLength(1);
  });

  it('refuses a forged or altered link on both methods with 400 UNSUBSCRIBE_TOKEN_INVALID', async () => {
    for (const method of ['GET', 'POST']) {
      const forged = await call(
        method,
        '/api/notifications/unsubscribe?token=eyJ1IjoieCIsImMiOiJjb3Vyc2UiLCJ4Ijo0MTAyNDQ0ODAwfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      );
      expect(forged.status).toBe(400);
      expect(JSON.parse(forged.text).error.code).toBe('UNSUBSCRIBE_TOKEN_INVALID');
    }
  });
});
