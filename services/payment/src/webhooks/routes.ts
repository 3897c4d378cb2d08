import { Router } from 'express';
import { WebhookEndpoint } from '@smartcourse/contracts';
import { newContext, requestContext, serveEndpoint } from '@smartcourse/platform';
import { receiveWebhook, type WebhookDeps } from './handling.js';

/** Providers' webhooks, as the gateway received them (exact bytes and signature). */
export function webhookRoutes(deps: WebhookDeps): Router {
  const router = Router();
  serveEndpoint(router, WebhookEndpoint, async ({ params, body }, res) => {
    await receiveWebhook(deps, params.provider, Buffer.from(body.payload, 'base64'), body.signature, newContext(requestContext(res).correlationId));
    res.json({ data: { received: true } });
  });
  return router;
}
