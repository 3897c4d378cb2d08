import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';

/** Per-request values the scaffold puts on `res.locals`. */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  log: Logger;
}

export function requestContext(res: Response): RequestContext {
  return res.locals as RequestContext;
}

export function header(req: Request, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
