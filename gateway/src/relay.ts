import type { Response } from 'express';
import type { ServiceResponse } from './internal-client.js';

/** Passes a service's answer through: services already speak the public envelope. */
export function relay(res: Response, answer: ServiceResponse): void {
  if (answer.body === undefined) res.status(answer.status).end();
  else res.status(answer.status).json(answer.body);
}
