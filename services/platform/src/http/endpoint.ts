import type { Request, Response, Router } from 'express';
import type { EndpointInput, InternalEndpoint } from '@smartcourse/contracts';
import { parse } from './validate.js';

export type EndpointHandler<E extends InternalEndpoint> = (input: EndpointInput<E>, res: Response, req: Request) => unknown;

/**
 * Mounts a service's handler of an endpoint declared in contracts: its method and path, and its
 * params, query and body parsed by the declared schemas (a 400 with field details when they do not parse).
 */
export function serveEndpoint<E extends InternalEndpoint>(router: Router, endpoint: E, handler: EndpointHandler<E>): void {
  router[endpoint.method](endpoint.path, async (req, res) => {
    const input = {
      params: endpoint.params ? parse(endpoint.params, req.params) : undefined,
      query: endpoint.query ? parse(endpoint.query, req.query) : undefined,
      body: endpoint.body ? parse(endpoint.body, req.body ?? {}) : undefined,
    } as EndpointInput<E>;
    await handler(input, res, req);
  });
}
