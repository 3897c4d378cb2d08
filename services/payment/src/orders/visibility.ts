import { notFound, type Actor, type Knex } from '@smartcourse/platform';
import { visibleTo } from './rules.js';
import { findOrder, type OrderRow } from './store.js';

/** An order its buyer or an admin may see (locked when asked); for anyone else it does not exist. */
export async function visibleOrder(db: Knex | Knex.Transaction, actor: Actor, orderId: string, options: { lock?: boolean } = {}): Promise<OrderRow> {
  const order = await findOrder(db, orderId, options);
  if (!order || !visibleTo(order, actor)) throw notFound('ORDER_NOT_FOUND', 'No such order.');
  return order;
}
