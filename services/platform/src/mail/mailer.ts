import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { isTransientMailError } from './faults.js';

/**
 * A send must give up well within the Kafka consumer's 30 s session timeout (a handler that
 * blocks longer gets its partitions taken away mid-send), so no SMTP wait may reach 25 s.
 */
const smtpTimeoutMs = (fallback: number, description: string) =>
  z.coerce.number().int().min(100).max(25_000).default(fallback).describe(`${description} At most 25000: a send ends within the consumer's session.`);

export interface MailTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const defaultMailTimeouts: MailTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 15_000 };

/** Mail settings of every process that sends mail. */
export const mailConfig = {
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025')
    .describe('The SMTP server mail is sent through.'),
  MAIL_FROM: z.string().default('SmartCourse <no-reply@smartcourse.local>').describe('The sender of every mail.'),
  SMTP_REQUIRE_TLS: z
    .stringbool()
    .optional()
    .describe('STARTTLS is required except on loopback unless this says otherwise (e.g. a mail catcher in a container network).'),
  SMTP_CONNECTION_TIMEOUT_MS: smtpTimeoutMs(defaultMailTimeouts.connectionMs, 'Time to open the TCP connection.'),
  SMTP_GREETING_TIMEOUT_MS: smtpTimeoutMs(defaultMailTimeouts.greetingMs, "Time from connecting to the server's greeting."),
  SMTP_SOCKET_TIMEOUT_MS: smtpTimeoutMs(defaultMailTimeouts.socketMs, 'Longest silence of the server once the session has started.'),
};

/** The timeouts of a parsed mail config. */
export const mailTimeouts = (config: {
  SMTP_CONNECTION_TIMEOUT_MS: number;
  SMTP_GREETING_TIMEOUT_MS: number;
  SMTP_SOCKET_TIMEOUT_MS: number;
}): MailTimeouts => ({
  connectionMs: config.SMTP_CONNECTION_TIMEOUT_MS,
  greetingMs: config.SMTP_GREETING_TIMEOUT_MS,
  socketMs: config.SMTP_SOCKET_TIMEOUT_MS,
});

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  headers?: Record<string, string>;
  /** A Message-ID of the sender's choosing (`<id@domain>`): the same delivery keeps the same one. */
  messageId?: string;
}

export interface Mailer {
  send(email: Email): Promise<{ messageId: string }>;
  verify(): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  requireTls?: boolean | undefined;
  timeouts?: MailTimeouts | undefined;
}

/**
 * SMTP delivery. A failed send is an AppError `MAIL_DELIVERY_FAILED`, retriable when the
 * failure is transient (the consumer retries, then dead-letters) and not when the server
 * refused the message for good (dead-lettered at once).
 */
export function createMailer(options: MailerOptions): Mailer {
  const loopback = /^smtp:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.smtpUrl);
  const requireTls = options.requireTls ?? !loopback;
  const timeouts = options.timeouts ?? defaultMailTimeouts;
  // The transport object, not the URL string: from a URL nodemailer reads the URL alone and
  // would drop the TLS and timeout settings.
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: options.smtpUrl,
      ignoreTLS: !requireTls,
      requireTLS: requireTls,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    }),
  );
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({ from: options.from, ...email });
        return { messageId: info.messageId };
      } catch (error) {
        throw new AppError({
          code: 'MAIL_DELIVERY_FAILED',
          message: `sending mail failed: ${(error as Error).message}`,
          retriable: isTransientMailError(error),
          cause: error,
        });
      }
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
