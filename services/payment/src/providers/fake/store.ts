import type { Knex } from '@smartcourse/platform';

type Db = Knex | Knex.Transaction;

/** A payment as the fake provider keeps it: the shape of a Stripe PaymentIntent, in its own tables. */
export interface FakePayment {
  id: string;
  clientSecret: string;
  amountCents: number;
  currency: string;
  description: string;
  metadata: Record<string, string>;
  status: 'requires_payment_method' | 'requires_action' | 'succeeded';
  createdAt: Date;
}

interface Row {
  id: string;
  client_secret: string;
  amount_cents: string;
  currency: string;
  description: string;
  metadata: Record<string, string>;
  status: FakePayment['status'];
  created_at: Date;
}

const paymentOf = (row: Row): FakePayment => ({
  id: row.id,
  clientSecret: row.client_secret,
  amountCents: Number(row.amount_cents),
  currency: row.currency,
  description: row.description,
  metadata: row.metadata,
  status: row.status,
  createdAt: row.created_at,
});

/** Inserts a payment unless one has the idempotency key; answers the one kept. */
export async function keepPayment(db: Db, payment: FakePayment, idempotencyKey: string): Promise<{ payment: FakePayment; created: boolean }> {
  const inserted = (await db('fake_provider_payments')
    .insert({
      id: payment.id,
      idempotency_key: idempotencyKey,
      client_secret: payment.clientSecret,
      amount_cents: payment.amountCents,
      currency: payment.currency,
      description: payment.description,
      metadata: JSON.stringify(payment.metadata),
      status: payment.status,
      created_at: payment.createdAt,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('*')) as Row[];
  if (inserted[0]) return { payment: paymentOf(inserted[0]), created: true };
  const kept = (await db('fake_provider_payments').where({ idempotency_key: idempotencyKey }).first()) as Row;
  return { payment: paymentOf(kept), created: false };
}

export async function findPayment(db: Db, id: string, options: { lock?: boolean } = {}): Promise<FakePayment | undefined> {
  const query = db('fake_provider_payments').where({ id }).first();
  const row = (await (options.lock ? query.forUpdate() : query)) as Row | undefined;
  return row && paymentOf(row);
}

export async function setPaymentStatus(db: Db, id: string, status: FakePayment['status']): Promise<void> {
  await db('fake_provider_payments').where({ id }).update({ status });
}

/** Inserts a refund unless one has the idempotency key; answers its id. */
export async function keepRefund(db: Db, refund: { id: string; paymentId: string; amountCents: number }, idempotencyKey: string) {
  const inserted = await db('fake_provider_refunds')
    .insert({ id: refund.id, idempotency_key: idempotencyKey, payment_id: refund.paymentId, amount_cents: refund.amountCents, created_at: new Date() })
    .onConflict('idempotency_key')
    .ignore()
    .returning('id');
  if (inserted.length === 1) return { id: refund.id, created: true };
  const kept = (await db('fake_provider_refunds').where({ idempotency_key: idempotencyKey }).first('id')) as { id: string };
  return { id: kept.id, created: false };
}
