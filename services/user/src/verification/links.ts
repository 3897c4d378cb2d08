import { AppError, conflict, notFound, withRetries, type Knex, type Logger, type Mailer } from '@smartcourse/platform';
import { newOneTimeToken } from '../users/credentials.js';
import { findUser } from '../users/store.js';
import { DAY_MS, MAIL_LIMITS, mailWaitMs, VERIFICATION_TOKEN_TTL_MS, verificationEmail, verificationLink } from './rules.js';
import { replaceToken, sentSince } from './store.js';

/** What mailing a link needs. The link goes straight to SMTP: it must never enter a Kafka topic. */
export interface LinkMail {
  mailer: Mailer;
  publicAppUrl: string;
  /** For sends that finish after the request has been answered. */
  logger: Logger;
}

export interface VerificationDeps {
  db: Knex;
  links: LinkMail;
}

/** Creates the account's verification token in the caller's transaction; mail the returned token after the commit. */
export async function createVerificationToken(trx: Knex.Transaction, userId: string, now = new Date()): Promise<string> {
  const { token, hash } = newOneTimeToken();
  await replaceToken(trx, { hash, userId, expiresAt: new Date(now.getTime() + VERIFICATION_TOKEN_TTL_MS) });
  return token;
}

/** Retried in process: the link cannot wait in a durable queue, since it must not be stored readable. */
export const sendVerificationLink = (deps: LinkMail, to: string, token: string) =>
  withRetries(() => deps.mailer.send(verificationEmail(to, verificationLink(deps.publicAppUrl, token))));

/** After registration: the account exists whatever happens to the mail, and the user can ask for another link. */
export function sendVerificationLinkInBackground(links: LinkMail, user: { id: string; email: string }, token: string): void {
  sendVerificationLink(links, user.email, token).then(
    () => links.logger.info({ userId: user.id }, 'verification link mailed'),
    (error: unknown) => links.logger.error({ err: error, userId: user.id }, 'mailing the verification link failed'),
  );
}

export const rateLimited = (waitMs: number) =>
  new AppError({
    code: 'RATE_LIMITED',
    message: 'Too many emails of this kind; try again later.',
    details: { retryAfterSeconds: Math.ceil(waitMs / 1000) },
  });

/** A new link for the signed-in user: at most one a minute and five a day (counted in Postgres). */
export async function resendVerificationLink(deps: VerificationDeps, userId: string): Promise<void> {
  const now = new Date();
  const { email, token } = await deps.db.transaction(async (trx) => {
    const user = await findUser(trx, userId, { forUpdate: true });
    if (!user || user.status !== 'active') throw notFound('USER_NOT_FOUND', 'No such user.');
    if (user.emailVerifiedAt) throw conflict('EMAIL_ALREADY_VERIFIED', 'This email address is already verified.');
    const wait = mailWaitMs(await sentSince(trx, userId, new Date(now.getTime() - DAY_MS)), now, MAIL_LIMITS);
    if (wait > 0) throw rateLimited(wait);
    return { email: user.email, token: await createVerificationToken(trx, userId, now) };
  });
  await sendVerificationLink(deps.links, email, token);
}
