import type { Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { unavailable, type Logger } from '@smartcourse/platform';
import { relay } from '../../relay.js';

/** Relays a service's JSON answer to a streamed call. */
export async function relayJson(res: Response, answer: IncomingMessage, service: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch (error) {
    throw unavailable(`The ${service} service answered something that is not JSON.`, error);
  }
  relay(res, { status: answer.statusCode ?? 502, body });
}

/** The headers of a content answer a client needs, passed through as the service wrote them. */
export const contentHeaders = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'cache-control',
  'content-disposition',
  'x-content-type-options',
  'content-security-policy',
  'retry-after',
];

/** Streams a service's answer (bytes, a tus answer or an error body) to the client as it comes, with the named headers. */
export async function relayContent(res: Response, answer: IncomingMessage, log: Logger, headers: readonly string[] = contentHeaders): Promise<void> {
  res.status(answer.statusCode ?? 502);
  for (const name of headers) {
    const value = answer.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  try {
    await pipeline(answer, res);
  } catch (error) {
    // The status went out already; the client or the service went mid-body and the connection is cut.
    log.warn({ err: error }, 'a content download stopped before its end');
  }
}
