import type { IncomingMessage } from 'node:http';

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** The JSON parser's `verify` hook: keeps the bytes a JSON body was parsed from (no copy). */
export function keepRawBody(req: IncomingMessage, _res: unknown, bytes: Buffer): void {
  rawBodies.set(req, bytes);
}

/** The exact bytes of a JSON request's body, for what is checked over them (a webhook's signature). */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  return rawBodies.get(req);
}
