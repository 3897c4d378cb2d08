import nodemailer from 'nodemailer';
import { z } from 'zod';
import { AppError } from '../errors.js';

/** Mail settings of every process that sends mail. */
export const mailConfig = {
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('SmartCourse <no-reply@smartcourse.local>'),
  /** STARTTLS is required except on loopback unless this says otherwise (e.g. a mail catcher in a container network). */
  SMTP_REQUIRE_TLS: z.stringbool().optional(),
};

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<{ messageId: string }>;
  verify(): Promise<void>;
  close(): void;
}

/** SMTP delivery; a failed send is retriable (the consumer retries, then dead-letters). */
export function createMailer(options: { smtpUrl: string; from: string; requireTls?: boolean | undefined }): Mailer {
  const loopback = /^smtp:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.smtpUrl);
  const requireTls = options.requireTls ?? !loopback;
  const transport = nodemailer.createTransport(options.smtpUrl, { ignoreTLS: !requireTls, requireTLS: requireTls });
  return {
    async send(email) {
      try {
        const info = await transport.sendMail({ from: options.from, ...email });
        return { messageId: info.messageId };
      } catch (error) {
        throw new AppError({ code: 'MAIL_DELIVERY_FAILED', status: 503, message: `sending mail failed: ${(error as Error).message}`, retriable: true, cause: error });
      }
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
