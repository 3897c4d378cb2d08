import { request as httpRequest, type IncomingMessage } from 'node:http';
import { CLIENT_IP_HEADER, CLIENT_USER_AGENT_HEADER, endpointUrl, type EndpointArguments, type InternalEndpoint } from '@smartcourse/contracts';
import {
  ACTOR_ID_HEADER,
  ACTOR_ROLE_HEADER,
  INTERNAL_TOKEN_HEADER,
  discardUnreadBody,
  injectTraceContext,
  unavailable,
  type Actor,
  type Metrics,
} from '@smartcourse/platform';

export interface ServiceResponse {
  status: number;
  body: unknown;
  /** A document that is not JSON (a PDF): its bytes and media type, passed through as they are. */
  file?: { bytes: Buffer; contentType: string; disposition: string | null };
}

/** On whose behalf a call is made, and how it is traced. */
export interface CallContext {
  actor?: Actor | undefined;
  correlationId: string;
  clientIp?: string | undefined;
  userAgent?: string | undefined;
  /** What the caller's client accepts, when a service answers HTML or JSON by it; JSON otherwise. */
  accept?: string | undefined;
}

export type CallOptions<E extends InternalEndpoint> = EndpointArguments<E> & CallContext;

/** A call whose body or answer is too large to hold: an upload streamed in, content streamed out. */
export type StreamOptions<E extends InternalEndpoint> = CallOptions<E> & {
  /** Sent as the body, as it arrives (the client's own request). */
  stream?: IncomingMessage;
  /** Headers of the client's request the service needs (its Content-Type and length, a Range). */
  headers?: Record<string, string>;
};

export interface InternalClient {
  /** Calls an endpoint declared in contracts: the path and query string are built from the declaration and the given params and query. */
  call<E extends InternalEndpoint>(endpoint: E, options: CallOptions<E>): Promise<ServiceResponse>;
  /** Calls an endpoint with a streamed body and answers its response as a stream, once its status and headers have come. */
  open<E extends InternalEndpoint>(endpoint: E, options: StreamOptions<E>): Promise<IncomingMessage>;
  ping(): Promise<void>;
}

/** Calls a service's internal API with the internal credential, the actor, correlation and trace context. */
export function createInternalClient(options: { name: string; baseUrl: string; token: string; metrics: Metrics; timeoutMs?: number }): InternalClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const client: InternalClient = {
    call(endpoint, request) {
      const { params, query, body } = request as { params?: unknown; query?: unknown; body?: unknown };
      return send(endpointUrl(endpoint, { params, query }), { ...request, method: endpoint.method.toUpperCase(), body });
    },
    open(endpoint, request) {
      const { params, query, stream, headers: passed = {} } = request as StreamOptions<InternalEndpoint> & { params?: unknown; query?: unknown };
      const url = new URL(endpointUrl(endpoint, { params, query }), options.baseUrl);
      return new Promise<IncomingMessage>((resolve, reject) => {
        const outgoing = httpRequest(url, { method: endpoint.method.toUpperCase(), headers: { ...headersOf(request), ...passed } }, resolve);
        outgoing.on('error', (error) => reject(unavailable(`The ${options.name} service is not reachable.`, error)));
        if (!stream) {
          outgoing.end();
          return;
        }
        // A client that goes mid-upload ends the call, so the service sees the body cut short.
        stream.on('close', () => {
          if (!stream.readableEnded) outgoing.destroy(new Error('the client closed its request'));
        });
        // A service that refuses early reads and drops the rest itself; should it cut the call instead,
        // the rest is dropped here, so the client still finishes sending and reads the answer.
        outgoing.on('close', () => {
          if (!stream.readableEnded) discardUnreadBody(stream);
        });
        stream.pipe(outgoing);
      });
    },
    async ping() {
      const response = await fetch(new URL('/health', options.baseUrl), { signal: AbortSignal.timeout(2000) });
      if (!response.ok) throw new Error(`${options.name} answered ${response.status}`);
    },
  };
  return client;

  /** The internal credential, the actor, correlation and trace context of a call. */
  function headersOf({ actor, correlationId, clientIp, userAgent, accept }: CallContext): Record<string, string> {
    const headers: Record<string, string> = injectTraceContext({
      [INTERNAL_TOKEN_HEADER]: options.token,
      'x-correlation-id': correlationId,
      accept: accept ?? 'application/json',
    });
    if (actor) {
      headers[ACTOR_ID_HEADER] = actor.userId;
      headers[ACTOR_ROLE_HEADER] = actor.role;
    }
    if (clientIp) headers[CLIENT_IP_HEADER] = clientIp;
    if (userAgent) headers[CLIENT_USER_AGENT_HEADER] = userAgent;
    return headers;
  }

  async function send(path: string, { method = 'GET', body, ...context }: CallContext & { method?: string; body?: unknown }): Promise<ServiceResponse> {
    const headers = headersOf(context);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    const endCall = options.metrics.internalCall.startTimer({ target: options.name });
    try {
      response = await fetch(new URL(path, options.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unavailable(`The ${options.name} service is not reachable.`, error);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (response.ok && contentType && !contentType.startsWith('application/json')) {
      const bytes = Buffer.from(await response.arrayBuffer());
      endCall();
      return { status: response.status, body: undefined, file: { bytes, contentType, disposition: response.headers.get('content-disposition') } };
    }
    const text = await response.text();
    endCall();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch (error) {
      throw unavailable(`The ${options.name} service answered something that is not JSON.`, error);
    }
    return { status: response.status, body: parsed };
  }
}
