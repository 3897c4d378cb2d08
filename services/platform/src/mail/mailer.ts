import nodemailer from 'nodemailer';
import { AppError } from '../errors.js';

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
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const local = /^smtp:\/\/(127\.0\.0\.1|localhost)[:/]/.test(options.smtpUrl);
  // The local sink speaks plain SMTP; anywhere else STARTTLS is required.
  const transport = nodemailer.createTransport(options.smtpUrl, { ignoreTLS: local, requireTLS: !local });
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
