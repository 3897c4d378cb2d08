import { Router } from 'express';
import { UnsubscribeEndpoint, UnsubscribePageEndpoint, type Unsubscribed } from '@smartcourse/contracts';
import { requestContext, serveEndpoint } from '@smartcourse/platform';
import { switchEmailOff, type PreferenceModel } from '../preferences/store.js';
import { confirmationPage, unsubscribedPage } from './pages.js';
import { verifyUnsubscribeToken } from './token.js';

const HTML = 'text/html; charset=utf-8';

/**
 * One-click unsubscribe (RFC 8058), public through the gateway: the signed token is the only
 * credential. GET only shows the question (scanners follow links); POST switches the mail off.
 */
export function unsubscribeRoutes(deps: { preferences: PreferenceModel; secret: string; wasErased(userId: string): Promise<boolean> }): Router {
  const router = Router();
  serveEndpoint(router, UnsubscribePageEndpoint, ({ query: { token } }, res) => {
    const claim = verifyUnsubscribeToken(deps.secret, token);
    res.status(200).type(HTML).setHeader('Cache-Control', 'no-store');
    res.send(confirmationPage(claim.category, token));
  });

  serveEndpoint(router, UnsubscribeEndpoint, async ({ query: { token } }, res, req) => {
    const claim = verifyUnsubscribeToken(deps.secret, token);
    // An erased person's link still answers, but stores nothing about them again.
    if (!(await deps.wasErased(claim.userId))) await switchEmailOff(deps.preferences, claim.userId, claim.category);
    requestContext(res).log.info({ userId: claim.userId, category: claim.category }, 'unsubscribed from a category by its mail link');
    res.setHeader('Cache-Control', 'no-store');
    // A mail client's one-click POST ignores the answer; a browser's form gets a page, an API client JSON.
    if (req.accepts(['html', 'json']) === 'json') res.json({ data: { category: claim.category, email: false } satisfies Unsubscribed });
    else res.type(HTML).send(unsubscribedPage(claim.category));
  });

  return router;
}
