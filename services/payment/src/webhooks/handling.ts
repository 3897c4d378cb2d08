import { randomUUID } from 'node:crypto';
import { AppError, inTransaction, type Knex, type Logger, type MessageContext, type Unit, type Writer } from '@smartcourse/platform';
import { failedEvent, paidEvent } from '../orders/events.js';
import { onPaymentFailed, onPaymentRefunded, onPaymentSucceeded } from '../orders/rules.js';
import { findOrder, findOrderOfPayment, setStatus, type OrderRow } from '../orders/store.js';
import { WebhookRejected, type PaymentProvider, type ProviderEvent } from '../providers/provider.js';
import { completeRefund } from '../refunds/completion.js';
import { findRefundOfOrder, insertRefund } from '../refunds/store.js';
import { claimProviderEvent } from './store.js';

export interface WebhookDeps extends Writer {
  providers: ReadonlyMap<string, PaymentProvider>;
  log: Logger;
}

/**
 * A provider's webhook: the only way an order becomes paid. The signature is checked first (a
 * forged or stale one changes nothing); the event id is claimed in the same transaction as its
 * effect, so a webhook delivered twice acts once; types the service does not act on are
 * acknowledged. An event for a payment no order knows yet is refused (not claimed), so the
 * provider delivers it again.
 */
export async function receiveWebhook(deps: WebhookDeps, providerName: string, rawBody: Buffer, signature: string | undefined, context: MessageContext) {
  const provider = deps.providers.get(providerName);
  if (!provider) throw new AppError({ code: 'PROVIDER_NOT_FOUND', message: `No payment provider named ${providerName} is configured.` });
  let event: ProviderEvent;
  try {
    event = provider.readWebhook(rawBody, signature);
  } catch (error) {
    if (error instanceof WebhookRejected) throw new AppError({ code: 'WEBHOOK_SIGNATURE_INVALID', message: error.message, cause: error });
    throw error;
  }
  await inTransaction(deps, async (unit) => {
    const type = event.kind === 'ignored' ? event.type : event.kind;
    if (!(await claimProviderEvent(unit.trx, { provider: provider.name, id: event.id, type }))) {
      deps.log.info({ providerEvent: event.id, type }, 'webhook already handled');
      return;
    }
    if (event.kind === 'ignored') return;
    const order = await orderOf(unit.trx, provider.name, event);
    if (!order) throw new AppError({ code: 'ORDER_NOT_FOUND', message: `No order has the payment ${event.paymentId} yet; deliver it again later.` });
    await apply(unit, order, event, { log: deps.log, context });
  });
}

async function orderOf(trx: Knex.Transaction, provider: string, event: Exclude<ProviderEvent, { kind: 'ignored' }>): Promise<OrderRow | undefined> {
  const byPayment = await findOrderOfPayment(trx, provider, event.paymentId);
  if (byPayment || event.kind === 'payment.refunded' || !event.orderId) return byPayment;
  const byMetadata = await findOrder(trx, event.orderId, { lock: true });
  return byMetadata?.provider === provider ? byMetadata : undefined;
}

async function apply(
  { trx, emit }: Unit,
  order: OrderRow,
  event: Exclude<ProviderEvent, { kind: 'ignored' }>,
  { log, context }: { log: Logger; context: MessageContext },
): Promise<void> {
  const at = new Date();
  switch (event.kind) {
    case 'payment.succeeded': {
      if (onPaymentSucceeded(order.status) === 'ignore') return;
      if (event.amountCents !== order.amountCents || event.currency !== order.currency) {
        // Never enroll on a payment that is not the order's price; an operator looks into it.
        log.error({ orderId: order.id, paid: event.amountCents, currency: event.currency }, 'payment does not match its order; left unpaid');
        return;
      }
      emit(paidEvent(await setStatus(trx, order.id, { status: 'paid', at }), context));
      return;
    }
    case 'payment.failed':
      if (onPaymentFailed(order.status) === 'ignore') return;
      emit(failedEvent(await setStatus(trx, order.id, { status: 'failed', at, reason: event.reason }), context));
      return;
    case 'payment.refunded': {
      if (onPaymentRefunded(order.status) === 'ignore') return;
      // Asked through the platform (the webhook came before the provider's answer), or made at the provider itself.
      const refund =
        (await findRefundOfOrder(trx, order.id)) ??
        (await insertRefund(trx, {
          id: randomUUID(),
          orderId: order.id,
          amountCents: order.amountCents,
          currency: order.currency,
          reason: 'Refunded at the payment provider.',
          initiatedBy: 'provider',
          actorId: null,
          at,
        }));
      emit((await completeRefund(trx, order, refund, { providerRefundId: null, at, context })).event);
    }
  }
}
