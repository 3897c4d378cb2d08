import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ErrorCode, Role } from '@smartcourse/contracts';

/**
 * Who may call a route: anyone without a token (`public`), anyone with or without one (`anyone`:
 * a token, when sent, must be valid and identifies the caller), any signed-in user, or only the listed roles.
 */
export type Access = 'public' | 'anyone' | 'authenticated' | readonly Role[];

export interface ResponseSpec {
  description: string;
  body?: z.ZodType;
  headers?: Record<string, string>;
  /** The body is sent as it is, not inside `{ data }` (e.g. the OpenAPI document). */
  raw?: boolean;
  /** A document that is not JSON (e.g. `application/pdf`), described as bytes; beside `body` when the client chooses by Accept. */
  mediaType?: string;
}

/** An error a route can answer; its status comes from the code table in contracts. */
export interface ErrorSpec {
  code: ErrorCode;
  /** What the code means on this route, when it says more than the table's description. */
  description?: string;
}

/** The schemas a route parses its request with. */
export interface RequestSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /**
   * Instead of a JSON body: an HTML form (`application/x-www-form-urlencoded` or
   * `multipart/form-data`, fields only) or no body, parsed into `input.body`; any other body is 415.
   */
  form?: z.ZodType;
  /**
   * Instead of a parsed body: a `multipart/form-data` upload, streamed unparsed to the owning
   * service (the handler reads `req`); the schema documents its fields, `file` being the bytes.
   */
  upload?: z.ZodType;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A route's request as its schemas parsed it: what its handler receives (`undefined` for a part it declares no schema of). */
export interface Input<R extends RequestSchemas = RequestSchemas> {
  body: R['body'] extends z.ZodType ? z.output<R['body']> : Parsed<R['form']>;
  query: Parsed<R['query']>;
  params: Parsed<R['params']>;
}

/**
 * One public route: what it accepts, who may call it, what it answers. The same table mounts
 * the Express handlers, enforces access, validates input and generates the OpenAPI document.
 */
export interface RouteSpec<R extends RequestSchemas = RequestSchemas> {
  method: 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path, e.g. `/api/admin/users/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /**
   * A cookie that may carry the access token when no `Authorization` header comes, for a browser
   * API that cannot send one (EventSource); the token is verified exactly as a bearer token.
   */
  tokenCookie?: string;
  /**
   * Rate-limit policy: `credentials` is the strict one (login, register, password reset),
   * `verification` the one of public lookups by a code (certificate verification, against guessing).
   */
  rateLimit?: 'credentials' | 'verification' | 'default';
  /** Command endpoints honour `Idempotency-Key`. */
  command?: boolean;
  request?: R;
  responses: Record<number, ResponseSpec>;
  /**
   * Business errors besides the ones every route can answer (400, 401, 403, 429, 500, 503; 413
   * with a body; 409/422 for Idempotency-Key on commands).
   */
  errors?: ErrorSpec[];
  /**
   * Answers the request, given its parsed input. A method, so that a table of routes with
   * different schemas is one `RouteSpec[]`; `route()` types each handler from its own schemas.
   */
  handler(input: Input<R>, res: Response, req: Request): Promise<void>;
}

/** One route of the table, its handler's input typed from its request schemas. */
export function route<const R extends RequestSchemas = Record<never, never>>(spec: RouteSpec<R>): RouteSpec<R> {
  return spec;
}
