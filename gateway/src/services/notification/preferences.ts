import type { Request, Response } from 'express';
import {
  Preferences,
  PreferencesEndpoint,
  PreferencesUpdate,
  UnsubscribeEndpoint,
  UnsubscribeForm,
  UnsubscribePageEndpoint,
  UnsubscribeQuery,
  Unsubscribed,
  UpdatePreferencesEndpoint,
} from '@smartcourse/contracts';
import type { InternalClient } from '../../internal-client.js';
import { forward, onBehalfOf, relay } from '../../relay.js';
import { route, type RouteSpec } from '../../routing/spec.js';

const HTML = 'text/html';
const invalidToken = { code: 'UNSUBSCRIBE_TOKEN_INVALID', description: 'The link is forged, altered or expired: nothing changed.' } as const;

/**
 * Notification preferences (the signed-in person's own) and RFC 8058 one-click unsubscribe
 * (public: the signed token in the link is the credential), both answered by the notification service.
 */
export function preferenceRoutes(deps: { notifications: InternalClient }): RouteSpec[] {
  const unsubscribe = async (req: Request, res: Response, endpoint: typeof UnsubscribePageEndpoint | typeof UnsubscribeEndpoint, query: UnsubscribeQuery) => {
    // A browser's form gets a page back, an API client that asks for JSON gets JSON; a mail client ignores the answer.
    const accept = endpoint === UnsubscribeEndpoint && req.accepts([HTML, 'application/json']) === 'application/json' ? 'application/json' : HTML;
    res.setHeader('Cache-Control', 'no-store');
    relay(res, await deps.notifications.call(endpoint, { query, accept, ...onBehalfOf(res) }));
  };

  return [
    route({
      method: 'get',
      path: '/api/notifications/preferences',
      summary: 'My notification preferences: per category, email and in-app on or off',
      tag: 'notifications',
      access: 'authenticated',
      responses: { 200: { description: 'Every category with its two switches; account email is always on', body: Preferences } },
      handler: (_input, res) => forward(res, deps.notifications, PreferencesEndpoint, {}),
    }),
    route({
      method: 'put',
      path: '/api/notifications/preferences',
      summary: 'Change some of my notification switches; the others stay as they are. Account email cannot be switched off',
      tag: 'notifications',
      access: 'authenticated',
      request: { body: PreferencesUpdate },
      responses: { 200: { description: 'Every category with its switches after the change', body: Preferences } },
      errors: [{ code: 'VALIDATION_ERROR', description: 'Not a known category or channel, or `categories.account.email: false`.' }],
      handler: ({ body }, res) => forward(res, deps.notifications, UpdatePreferencesEndpoint, { body }),
    }),
    route({
      method: 'get',
      path: '/api/notifications/unsubscribe',
      summary: "An unsubscribe link's confirmation page, with a button that POSTs to the same link; changes nothing (mail scanners follow links)",
      tag: 'notifications',
      access: 'public',
      request: { query: UnsubscribeQuery },
      responses: { 200: { description: 'A small HTML page naming the category', mediaType: HTML } },
      errors: [invalidToken],
      handler: ({ query }, res, req) => unsubscribe(req, res, UnsubscribePageEndpoint, query),
    }),
    route({
      method: 'post',
      path: '/api/notifications/unsubscribe',
      summary: "RFC 8058 one-click unsubscribe: switches the link's category of mail off, without a session; doing it again changes nothing",
      tag: 'notifications',
      access: 'public',
      request: { query: UnsubscribeQuery, form: UnsubscribeForm },
      responses: { 200: { description: 'Unsubscribed: an HTML confirmation, or JSON when the client asks for it', body: Unsubscribed, mediaType: HTML } },
      errors: [invalidToken],
      handler: ({ query }, res, req) => unsubscribe(req, res, UnsubscribeEndpoint, query),
    }),
  ];
}
