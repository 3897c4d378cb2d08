import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppError } from '../src/errors.js';
import { isTransientMailError } from '../src/mail/faults.js';
import { createMailer, type MailTimeouts } from '../src/mail/mailer.js';
import { eventually } from '../../../test/support/eventually.js';
import { mailTo } from '../../../test/support/mail.js';

/** Against a silent TCP server started here and the real local MailDev. */

const smtpUrl = process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025';
const from = 'SmartCourse tests <tests@smartcourse.local>';

describe('a mail server that accepts connections and never answers', () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('fails the send within the greeting timeout, as a transient failure', async () => {
    const timeouts: MailTimeouts = { connectionMs: 1_000, greetingMs: 800, socketMs: 1_500 };
    const mailer = createMailer({ smtpUrl: url, from, timeouts });
    const started = Date.now();

    const failure = await mailer.send({ to: 'nobody@example.com', subject: 'never sent', text: '…' }).then(
      () => null,
      (error: unknown) => error,
    );
    const elapsed = Date.now() - started;
    mailer.close();

    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'MAIL_DELIVERY_FAILED', retriable: true });
    expect((failure as AppError).cause).toMatchObject({ code: 'ETIMEDOUT' });
    expect(isTransientMailError(failure)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(timeouts.greetingMs - 50);
    expect(elapsed).toBeLessThan(timeouts.greetingMs + 1_000);
  });
});

describe('a mail server that refuses the connection', () => {
  it('fails the send as a transient failure', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from });

    const failure = await mailer.send({ to: 'nobody@example.com', subject: 'never sent', text: '…' }).then(
      () => null,
      (error: unknown) => error,
    );
    mailer.close();

    expect(failure).toMatchObject({ code: 'MAIL_DELIVERY_FAILED', retriable: true });
    expect(isTransientMailError(failure)).toBe(true);
  });
});

describe('MailDev', () => {
  it('receives a message sent with the default timeouts', async () => {
    const to = `mailer-${randomUUID()}@example.com`;
    const mailer = createMailer({ smtpUrl, from });

    const { messageId } = await mailer.send({ to, subject: 'Mailer test', text: 'Sent for real.' });
    mailer.close();

    const received = await eventually(
      () => mailTo(to),
      (messages) => messages.length > 0,
    );
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ subject: 'Mailer test', text: expect.stringContaining('Sent for real.') });
    expect(messageId).toMatch(/^<.+>$/);
  });
});
