import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import type { UserErased, UserRegistered } from '@smartcourse/contracts';
import { createLogger, createMailer, type IncomingMessage } from '@smartcourse/platform';
import { handleUserErased, handleUserRegistered, type NotificationDeps } from '../src/notifications/handlers.js';
import { notificationModel } from '../src/notifications/store.js';
import { eventually } from '../../../test/support/eventually.js';
import { mailTo } from '../../../test/support/mail.js';

/** The handlers called directly, against the real document store and the real SMTP sink. */

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const smtpUrl = process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025';
const log = createLogger({ service: 'notification-test', level: 'silent' });

let mongo: Connection;
let deps: NotificationDeps;

beforeAll(async () => {
  mongo = await mongoose
    .createConnection(mongoUrl, { dbName: `notification_erasure_test_${randomUUID().slice(0, 8)}`, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  deps = { notifications: await notificationModel(mongo), mailer: createMailer({ smtpUrl, from: 'SmartCourse <no-reply@smartcourse.local>' }) };
});

afterAll(async () => {
  deps.mailer.close();
  await mongo.dropDatabase();
  await mongo.close();
});

function registered(userId = randomUUID()): IncomingMessage {
  const value: UserRegistered = {
    eventId: randomUUID(),
    occurredAt: Date.now(),
    userId,
    email: `erasure-${randomUUID()}@example.com`,
    fullName: 'Grace Hopper',
    role: 'student',
    emailVerified: false,
  };
  return message('user.registered', 'smartcourse.events.user.UserRegistered', { ...value });
}

function erased(userId: string): IncomingMessage {
  const value: UserErased = { eventId: randomUUID(), occurredAt: Date.now(), userId, by: userId };
  return message('user.erased', 'smartcourse.events.user.UserErased', { ...value });
}

function message(topic: string, recordName: string, value: Record<string, unknown>): IncomingMessage {
  return { topic, partition: 0, offset: '0', key: String(value.userId), value, recordName, headers: {}, id: String(value.eventId) };
}

const emailOf = (incoming: IncomingMessage) => String(incoming.value.email);
const storedFor = (email: string) => mongo.collection('notifications').find({ to: email }).toArray();

/** A registration handled after the ones under test: once its mail is in, earlier mails would be too. */
async function controlMailArrives(): Promise<void> {
  const control = registered();
  await handleUserRegistered(deps, control, log);
  const mails = await eventually(() => mailTo(emailOf(control)), (found) => found.length > 0);
  expect(mails).toHaveLength(1);
}

describe('a registration handled after the erasure of its user', () => {
  it('stores nothing and sends no mail', async () => {
    const registration = registered();
    await handleUserErased(deps, erased(String(registration.value.userId)), log);

    await handleUserRegistered(deps, registration, log);

    await controlMailArrives();
    expect(await storedFor(emailOf(registration))).toEqual([]);
    expect(await mailTo(emailOf(registration))).toEqual([]);
  });

  it('is ignored when it is a redelivery of one handled before the erasure', async () => {
    const registration = registered();
    await handleUserRegistered(deps, registration, log);
    await eventually(() => mailTo(emailOf(registration)), (found) => found.length > 0);
    await handleUserErased(deps, erased(String(registration.value.userId)), log);
    expect(await storedFor(emailOf(registration))).toEqual([]);

    await handleUserRegistered(deps, registration, log);

    await controlMailArrives();
    expect(await storedFor(emailOf(registration))).toEqual([]);
    expect(await mailTo(emailOf(registration))).toHaveLength(1);
  });
});

describe('the record of erased users', () => {
  it('holds the user id and the first erasure time only', async () => {
    const userId = randomUUID();
    const first = erased(userId);
    await handleUserErased(deps, first, log);

    await handleUserErased(deps, erased(userId), log);

    const records = await mongo.collection('erased_users').find({ userId }).toArray();
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0]!).sort()).toEqual(['_id', 'erasedAt', 'userId']);
    expect(records[0]!.erasedAt).toEqual(new Date(Number(first.value.occurredAt)));
  });
});
