import type { z } from 'zod';

/**
 * One endpoint of a service's internal API, declared once for both sides: the service mounts its
 * handler from it (params, query and body parsed by these schemas) and the gateway's client builds
 * the request from it, so no internal path is written twice. `response` documents the `data` the
 * endpoint answers; neither side validates it at run time.
 */
export interface InternalEndpoint {
  method: 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. `/internal/enrollments/:enrollmentId`; every `:name` is a key of `params`. */
  path: `/internal/${string}`;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
}

/** A declared part's parsed type, or `undefined` when the endpoint declares none. */
type Part<E extends InternalEndpoint, K extends 'params' | 'query' | 'body'> = E[K] extends z.ZodType ? z.output<E[K]> : undefined;

/** What the endpoint's handler receives: its params, query and body as its schemas parse them. */
export interface EndpointInput<E extends InternalEndpoint> {
  params: Part<E, 'params'>;
  query: Part<E, 'query'>;
  body: Part<E, 'body'>;
}

/**
 * What a caller passes: each declared part, and nothing of the parts the endpoint does not declare.
 * Params and query are typed as their schemas' output (`true`, `2`): values the caller already
 * parsed, written into the URL as text that the same schemas parse back. A body goes as JSON, so it
 * is typed as what its schema accepts.
 */
export type EndpointArguments<E extends InternalEndpoint> = {
  [K in 'params' | 'query' | 'body' as E[K] extends z.ZodType ? K : never]: K extends 'body' ? z.input<E[K] & z.ZodType> : z.output<E[K] & z.ZodType>;
};

/** Declares an endpoint, keeping its literal types for both sides. */
export function internalEndpoint<const E extends InternalEndpoint>(endpoint: E): E {
  return endpoint;
}

/** The request path and query string of a call: each `:name` replaced by its encoded param, unset query fields left out. */
export function endpointUrl(endpoint: InternalEndpoint, parts: { params?: unknown; query?: unknown }): string {
  const params = (parts.params ?? {}) as Record<string, unknown>;
  const path = endpoint.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${endpoint.method.toUpperCase()} ${endpoint.path} needs the param ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((parts.query ?? {}) as Record<string, unknown>)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
