import { createHmac, randomBytes } from 'node:crypto';
import type { Knex, Logger } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

export interface DeliverySettings {
  url: string;
  secret: string;
  maxDelayMs: number;
  repeats: number;
}

/** A provider-style id: a prefix and 24 letters and digits. */
export const randomId = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24)}`;

/**
 * Queues a webhook as a provider sends one: a Stripe-shaped event, delivered after a random delay
 * (so two events of one payment may arrive in either order) and delivered again `repeats` times.
 */
export async function queueWebhook(db: Db, settings: DeliverySettings, type: string, object: Record<string, unknown>): Promise<void> {
  const now = Date.now();
  const event = {
    id: randomId('evt_fake_'),
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(now / 1000),
    livemode: false,
    type,
    data: { object },
  };
  const delay = () => Math.floor(Math.random() * (settings.maxDelayMs + 1));
  const rows = Array.from({ length: settings.repeats + 1 }, () => ({
    event_id: event.id,
    payload: JSON.stringify(event),
    deliver_at: new Date(now + delay()),
  }));
  await db('fake_provider_webhooks').insert(rows);
}

/** Stripe's signature scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signature(secret: string, body: string, at: number): string {
  const seconds = Math.floor(at / 1000);
  return `t=${seconds},v1=${createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex')}`;
}

/**
 * Delivers due webhooks, as a provider does: POSTs each, signed at the moment it is sent; a
 * delivery that is not answered 2xx is tried again later, with a growing wait (capped at a minute).
 * Rows are leased (their next attempt pushed ahead before the POST), so several processes never
 * send one row at once.
 */
export function webhookDeliverer(db: Knex, settings: DeliverySettings, log: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function deliverDue(): Promise<void> {
    const due = (await db.raw(
      `update fake_provider_webhooks set attempts = attempts + 1, deliver_at = now() + interval '30 seconds'
       where id in (select id from fake_provider_webhooks where delivered_at is null and deliver_at <= now() order by deliver_at limit 20 for update skip locked)
       returning id, payload, attempts`,
    )) as { rows: { id: string; payload: unknown; attempts: number }[] };
    await Promise.all(due.rows.map((row) => deliver(row)));
  }

  async function deliver(row: { id: string; payload: unknown; attempts: number }): Promise<void> {
    const body = JSON.stringify(row.payload);
    let status = 0;
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature(settings.secret, body, Date.now()) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      log.warn({ err: error, webhook: row.id }, 'webhook delivery failed');
    }
    if (status >= 200 && status < 300) {
      await db('fake_provider_webhooks').where({ id: row.id }).update({ delivered_at: new Date() });
      return;
    }
    const waitSeconds = Math.min(2 ** row.attempts, 60);
    log.info({ webhook: row.id, status, waitSeconds }, 'webhook not taken; delivered again later');
    await db('fake_provider_webhooks')
      .where({ id: row.id })
      .update({ deliver_at: new Date(Date.now() + waitSeconds * 1000) });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = deliverDue()
        .catch((error: unknown) => log.warn({ err: error }, 'webhook deliveries could not be read; trying again'))
        .finally(schedule);
    }, 200);
  }

  return {
    start: schedule,
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
