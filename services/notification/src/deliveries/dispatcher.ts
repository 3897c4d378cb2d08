import { Counter, Gauge } from 'prom-client';
import { AppError, backoffMs, type Logger, type Mailer, type Metrics } from '@smartcourse/platform';
import { titleOf, type CourseModel } from '../courses/store.js';
import { channelsFor, type PreferenceModel } from '../preferences/store.js';
import { findRecipient, type RecipientModels } from '../recipients/store.js';
import { renderTemplate, type TemplateName } from '../templates/render.js';
import { unsubscribeHeaders, unsubscribeUrl } from '../unsubscribe/links.js';
import { claimDue, mailsWaiting, markFinal, markRetry, markSent, type Delivery, type DeliveryModel } from './store.js';

export interface MailDispatcherDeps {
  deliveries: DeliveryModel;
  recipients: RecipientModels;
  courses: CourseModel;
  preferences: PreferenceModel;
  mailer: Mailer;
  metrics: Metrics;
  logger: Logger;
  publicAppUrl: string;
  unsubscribeSecret: string;
  /** Idle wait between looks for due mail (a new delivery wakes the dispatcher at once). */
  pollMs: number;
  /** How long a sender's claim holds before another may take the mail over (longer than any SMTP wait). */
  leaseMs: number;
  /** Backoff between attempts of one mail while SMTP fails; attempts are unlimited. */
  retry: { initialMs: number; maxMs: number };
  /** How long a mail waits for its recipient's address to be replicated before it fails. */
  recipientWaitMs: number;
  /** Mails sent at once (each sender takes its own due mail). */
  concurrency: number;
}

/** A mail whose address has not arrived is looked at again rarely: the address's arrival resumes it. */
const awaitingRetry = { initialMs: 30_000, maxMs: 600_000, attempts: Infinity };

export interface MailDispatcher {
  /** A delivery was recorded: look for due mail now. */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Sends the recorded mail deliveries, one at a time, apart from the consumers: an SMTP outage
 * delays mail (each waits with a growing backoff, for as long as the outage lasts) and never
 * holds back in-app notifications or a partition.
 *
 * What "sent" means: the SMTP server accepted the message (250) and the delivery says `sent`.
 * A sender that dies mid-send leaves its claim, which runs out; the mail is then sent again with
 * the same Message-ID. So a mail can be sent twice only when a crash falls between the server's
 * acceptance and the write of `sent` (milliseconds), and mail stores that dedupe by Message-ID
 * show it once; it is never lost.
 */
export function startMailDispatcher(deps: MailDispatcherDeps): MailDispatcher {
  const log = deps.logger.child({ component: 'mail-dispatcher' });
  const sent = new Counter({
    name: 'notification_mail_sent_total',
    help: 'Mails the SMTP server accepted',
    labelNames: ['category'],
    registers: [deps.metrics.registry],
  });
  const failures = new Counter({
    name: 'notification_mail_failures_total',
    help: 'Failed mail attempts: transient (retried) or final',
    labelNames: ['outcome'],
    registers: [deps.metrics.registry],
  });
  const suppressed = new Counter({
    name: 'notification_mail_suppressed_total',
    help: 'Mails not sent, by reason',
    labelNames: ['reason'],
    registers: [deps.metrics.registry],
  });
  new Gauge({
    name: 'notification_mail_waiting',
    help: 'Mails recorded and not sent yet (pending or being sent)',
    registers: [deps.metrics.registry],
    async collect() {
      this.set(await mailsWaiting(deps.deliveries));
    },
  });

  let stopped = false;
  const sleepers = new Set<() => void>();
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };

  async function deliver(delivery: Delivery): Promise<void> {
    const at = (ms: number) => new Date(Date.now() + ms);
    // Asked together: one round trip to the store, not three.
    const [recipient, channels, title] = await Promise.all([
      findRecipient(deps.recipients, delivery.userId),
      channelsFor(deps.preferences, delivery.userId, delivery.category),
      delivery.courseId ? titleOf(deps.courses, delivery.courseId) : null,
    ]);
    if (!recipient?.email) {
      // The address travels on another topic; it is usually a moment behind.
      if (Date.now() - delivery.createdAt.getTime() < deps.recipientWaitMs) {
        await markRetry(deps.deliveries, delivery._id, at(backoffMs(awaitingRetry, delivery.attempts)), 'recipient not known yet', 'awaiting-recipient');
      } else {
        await markFinal(deps.deliveries, delivery._id, 'failed', 'no-recipient');
        failures.inc({ outcome: 'final' });
      }
      return;
    }
    if (!channels.email) {
      await markFinal(deps.deliveries, delivery._id, 'suppressed', 'preference');
      suppressed.inc({ reason: 'preference' });
      return;
    }
    const optOut = delivery.category === 'account' ? null : unsubscribeUrl(deps.publicAppUrl, deps.unsubscribeSecret, delivery.userId, delivery.category);
    const message = renderTemplate(delivery.template as TemplateName, {
      recipientName: recipient.fullName,
      courseTitle: title,
      link: `${deps.publicAppUrl}${delivery.link}`,
      facts: delivery.facts,
      unsubscribeUrl: optOut,
    });
    try {
      const { messageId } = await deps.mailer.send({
        to: recipient.email,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // The same delivery keeps its Message-ID across attempts.
        messageId: `<${delivery._id.toHexString()}@notifications.smartcourse>`,
        ...(optOut ? { headers: unsubscribeHeaders(optOut) } : {}),
      });
      await markSent(deps.deliveries, delivery._id, messageId);
      sent.inc({ category: delivery.category });
      log.info({ eventId: delivery.eventId, userId: delivery.userId, template: delivery.template }, 'mail sent');
    } catch (error) {
      const retriable = !(error instanceof AppError) || error.retriable;
      if (retriable) {
        const waitMs = backoffMs({ ...deps.retry, attempts: Infinity }, delivery.attempts);
        await markRetry(deps.deliveries, delivery._id, at(waitMs), (error as Error).message);
        failures.inc({ outcome: 'transient' });
        log.warn({ err: error, eventId: delivery.eventId, attempts: delivery.attempts, retryInMs: waitMs }, 'mail not sent; retrying later');
      } else {
        await markFinal(deps.deliveries, delivery._id, 'failed', 'refused', (error as Error).message);
        failures.inc({ outcome: 'final' });
        log.error({ err: error, eventId: delivery.eventId }, 'mail refused for good');
      }
    }
  }

  async function sender(): Promise<void> {
    while (!stopped) {
      try {
        const due = await claimDue(deps.deliveries, deps.leaseMs);
        if (due) await deliver(due);
        else await idle(deps.pollMs);
      } catch (error) {
        // The document store is down: nothing is lost (the deliveries wait in it), try again shortly.
        log.warn({ err: error }, 'mail dispatcher cannot reach its store; retrying');
        await idle(deps.pollMs);
      }
    }
  }
  const running = Promise.all(Array.from({ length: deps.concurrency }, sender));

  return {
    wake: wakeAll,
    async stop() {
      stopped = true;
      wakeAll();
      await running;
    },
  };
}
