import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { certificateIdOf, processSpec } from '@smartcourse/contracts';
import { env, repoRoot } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, produceRaw, readTopic } from '../support/kafka.js';
import { completeCourse, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { mailTo } from '../support/mail.js';
import { metricSum } from '../support/metrics.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

let admin: { id: string; token: string };
let course: PublishedCourse;
let mongo: Connection;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  const instructor = await newInstructor(admin, 'Announcer');
  course = await publishedCourse(instructor.token);
  mongo = await mongoose.createConnection(env.mongoUrl, { dbName: 'smartcourse_notification' }).asPromise();
}, 180_000);
afterAll(async () => {
  await mongo?.close();
  await closeKafka();
});

/** The notification service's mail to a person (the user service mails the address confirmation). */
const notificationMail = async (email: string) => (await mailTo(email)).filter((mail) => !/^Confirm your/.test(mail.subject));
const subjects = async (email: string) => (await notificationMail(email)).map((mail) => mail.subject);
const inboxKinds = async (token: string) =>
  ((await api('GET', '/api/notifications?per_page=100', { token })).body.data as Array<{ kind: string }>).map((entry) => entry.kind);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const notificationUrl = `http://127.0.0.1:${processSpec('notification').port}`;

describe('notifications of the learning journey', () => {
  it('mails the enrollment, the quiz, the completion and the certificate, and keeps each in the inbox', async () => {
    const student = await newUser('Notified');
    const enrollmentId = await completeCourse(course, student.token);
    const expected = [/^Welcome to SmartCourse$/, /enrolled/i, /quiz/i, /completed/i, /certificate/i];
    const mails = await eventually(
      () => subjects(student.email),
      (found) => expected.every((pattern) => found.some((subject) => pattern.test(subject))),
      30_000,
    );
    expect(mails).toHaveLength(expected.length);
    const completion = (await notificationMail(student.email)).find((mail) => /completed/i.test(mail.subject))!;
    expect(completion.subject + completion.text).toContain(course.title);

    const kinds = await eventually(
      () => inboxKinds(student.token),
      (found) => found.includes('certificate-issued'),
      20_000,
    );
    // Three lessons completed: the theory, the video, and the quiz lesson by its passing grade.
    expect(kinds.sort()).toEqual(
      ['certificate-issued', 'course-completed', 'enrolled', 'lesson-completed', 'lesson-completed', 'lesson-completed', 'quiz-graded', 'welcome'].sort(),
    );
    const unread = await api('GET', '/api/notifications/unread-count', { token: student.token });
    expect(unread.body.data.count).toBe(kinds.length);
    const first = (await api('GET', '/api/notifications?per_page=1', { token: student.token })).body.data[0];
    expect((await api('POST', `/api/notifications/${first.id}/read`, { token: student.token })).body.data.count).toBe(kinds.length - 1);
    expect((await api('GET', '/api/notifications?unread=true&per_page=100', { token: student.token })).body.data).toHaveLength(kinds.length - 1);
    expect((await api('POST', '/api/notifications/read-all', { token: student.token })).body.data.count).toBe(0);
    const page = await api('GET', '/api/notifications?page=2&per_page=3', { token: student.token });
    expect(page.body.meta).toMatchObject({ page: 2, per_page: 3, total: kinds.length });

    // A replay of enrollment.completed (the very record again) sends no second mail and adds nothing.
    const record = (await readTopic('enrollment.completed')).find((found) => found.key === enrollmentId)!;
    await produceRaw('enrollment.completed', [{ key: enrollmentId, value: record.raw!, headers: record.headers }]);
    const certificate = (await readTopic('certificate.issued')).find((found) => found.key === certificateIdOf(enrollmentId))!;
    await produceRaw('certificate.issued', [{ key: certificate.key!, value: certificate.raw!, headers: certificate.headers }]);
    // A fresh person's welcome proves the consumers are moving; the margin covers the replayed records' partitions.
    await newUserMail();
    await sleep(2000);
    expect(await notificationMail(student.email)).toHaveLength(expected.length);
    expect((await inboxKinds(student.token)).length).toBe(kinds.length);
  });

  it('delays mail while SMTP is down for 8 s and loses none', async () => {
    const failuresBefore = await metricSum(notificationUrl, 'notification_mail_failures_total');
    const restart = spawn('bash', [path.join(repoRoot, 'scripts/restart-server'), 'maildev', '--down-for', '8'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const restarted = new Promise<number | null>((resolve) => restart.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      restart.stderr.on('data', (chunk: Buffer) => chunk.toString().includes('stays down') && resolve());
      restart.once('exit', (code) => reject(new Error(`scripts/restart-server maildev exited with ${code} before stopping it`)));
    });
    const during = await Promise.all([newUser('Outage1'), newUser('Outage2'), newUser('Outage3')]);
    expect(await restarted).toBe(0);
    for (const person of during) {
      const mail = await eventually(
        () => subjects(person.email),
        (found) => found.length > 0,
        60_000,
      );
      expect(mail).toEqual(['Welcome to SmartCourse']);
    }
    expect(await metricSum(notificationUrl, 'notification_mail_failures_total')).toBeGreaterThan(failuresBefore);
    // Their in-app welcome did not wait for the mail.
    expect(await inboxKinds(during[0]!.token)).toEqual(['welcome']);
  }, 120_000);

  it("removes the person's recipient record, inbox and deliveries on erasure", async () => {
    const student = await newUser('Erased');
    await eventually(
      () => notificationMail(student.email),
      (found) => found.length > 0,
      20_000,
    );
    expect((await api('DELETE', `/api/admin/users/${student.id}`, { token: admin.token })).status).toBe(200);
    const left = async () =>
      (await Promise.all(['recipients', 'inbox', 'deliveries'].map((name) => mongo.collection(name).countDocuments({ userId: student.id })))).reduce(
        (a, b) => a + b,
        0,
      );
    expect(await eventually(left, (count) => count === 0, 20_000)).toBe(0);
    expect(await mongo.collection('erased_users').countDocuments({ userId: student.id })).toBe(1);
  });
});

/** A fresh person's welcome mail: handled after whatever was produced before it on its partitions. */
async function newUserMail() {
  const control = await newUser('Control');
  return eventually(
    () => notificationMail(control.email),
    (found) => found.length > 0,
    30_000,
  );
}
