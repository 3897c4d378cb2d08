import { Router } from 'express';
import { MyOrdersEndpoint, OrderEndpoint, PlaceOrderEndpoint, ReceiptEndpoint, RefundOrderEndpoint } from '@smartcourse/contracts';
import { actorOf, conflict, newContext, pageMeta, requestContext, serveEndpoint } from '@smartcourse/platform';
import { renderReceiptPdf } from '../receipts/pdf.js';
import { refundOrder } from '../refunds/refunding.js';
import type { RefundPolicy } from '../refunds/rules.js';
import { placeOrder, type OrderDeps } from './placing.js';
import { listOrders } from './store.js';
import { orderView } from './views.js';
import { visibleOrder } from './visibility.js';

/** The buyer's orders and an admin's view of any; refunds; receipts. */
export function orderRoutes(deps: OrderDeps & { policy: RefundPolicy }): Router {
  const router = Router();
  const contextOf = (res: Parameters<typeof requestContext>[0]) => newContext(requestContext(res).correlationId);

  serveEndpoint(router, PlaceOrderEndpoint, async ({ body }, res) => {
    const actor = actorOf(res);
    const { order, created } = await placeOrder(deps, actor, body, contextOf(res));
    res.status(created ? 201 : 200).json({ data: orderView(order, actor) });
  });

  serveEndpoint(router, MyOrdersEndpoint, async ({ query }, res) => {
    const actor = actorOf(res);
    const { orders, total } = await listOrders(
      deps.db,
      { studentId: actor.userId, ...(query.status ? { status: query.status } : {}) },
      {
        offset: (query.page - 1) * query.per_page,
        limit: query.per_page,
      },
    );
    res.json({ data: orders.map((order) => orderView(order, actor)), meta: pageMeta(query.page, query.per_page, total) });
  });

  serveEndpoint(router, OrderEndpoint, async ({ params }, res) => {
    const actor = actorOf(res);
    res.json({ data: orderView(await visibleOrder(deps.db, actor, params.orderId), actor) });
  });

  serveEndpoint(router, RefundOrderEndpoint, async ({ params, body }, res) => {
    const actor = actorOf(res);
    const order = await refundOrder(deps, actor, params.orderId, body.reason, contextOf(res));
    res.json({ data: orderView(order, actor) });
  });

  serveEndpoint(router, ReceiptEndpoint, async ({ params }, res) => {
    const order = await visibleOrder(deps.db, actorOf(res), params.orderId);
    if (!order.paidAt) throw conflict('ORDER_NOT_PAID', 'The order is not paid: it has no receipt.');
    res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="receipt-${order.id}.pdf"`);
    res.send(await renderReceiptPdf(order));
  });

  return router;
}
