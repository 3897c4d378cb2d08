import { randomUUID } from 'node:crypto';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** How a command ended: its result (the answer's data, or the status's aggregate when it was polled), or the platform's refusal. */
export type Result = { ok: true; data: any; aggregateId: string | undefined } | { ok: false; status: number; code: string };

/** What became of one command. */
export interface Sent {
  /** A 200, 201 or 202 came back at least once: the platform took the command. */
  accepted: boolean;
  commandId: string | undefined;
  /** Undefined when no result came before the deadline. */
  result: Result | undefined;
  tries: number;
}

export interface GatewayClient {
  /** A query or a synchronous call, tried again while the platform gives no useful answer. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply | undefined>;
  /**
   * A command. Every try carries the same Idempotency-Key, so a try after a lost answer or a 5xx
   * is the same command (the gateway replays its answer, or the owner's inbox its result); after
   * a 202 it follows the Location to the command's status.
   */
  command(method: string, path: string, options?: CallOptions): Promise<Sent>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** This call's own deadline, shorter than the client's. */
  deadlineMs?: number;
}

/** Answers worth another try: the platform is restarting or overloaded. */
const RETRIED = new Set([429, 500, 502, 503, 504]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The gateway as a careful client sees it: no answer or a transient one is tried again, with backoff, until a deadline. */
export function createGatewayClient(baseUrl: string, options: { deadlineMs: number; requestTimeoutMs: number }): GatewayClient {
  async function once(method: string, path: string, call: CallOptions, key?: string): Promise<Reply | undefined> {
    const headers: Record<string, string> = {};
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    } catch {
      // refused, reset or timed out: the gateway is down or restarting
      return undefined;
    }
  }

  const retried = (reply: Reply | undefined) =>
    reply === undefined || RETRIED.has(reply.status) || (reply.status === 409 && reply.body?.error?.code === 'IDEMPOTENCY_IN_PROGRESS');
  const pause = (tries: number) => sleep(Math.min(2000, 100 * 2 ** Math.min(tries, 5)) * (0.5 + Math.random() / 2));
  const refusal = (reply: Reply): Result => ({ ok: false, status: reply.status, code: String(reply.body?.error?.code ?? reply.status) });

  return {
    async call(method, path, call = {}) {
      const deadline = Date.now() + (call.deadlineMs ?? options.deadlineMs);
      for (let tries = 1; ; tries++) {
        const reply = await once(method, path, call);
        if (!retried(reply)) return reply;
        if (Date.now() > deadline) return undefined;
        await pause(tries);
      }
    },
    async command(method, path, call = {}) {
      const key = randomUUID();
      const deadline = Date.now() + (call.deadlineMs ?? options.deadlineMs);
      let accepted = false;
      let commandId: string | undefined;
      let statusUrl: string | undefined;
      let tries = 0;
      while (Date.now() <= deadline) {
        tries += 1;
        // Once accepted with a 202, the command's status says how it ended; a status the gateway
        // lost (Redis restarted) sends the request again, whose derived command id the owner knows.
        const reply = statusUrl ? await once('GET', statusUrl, { token: call.token }) : await once(method, path, call, key);
        if (statusUrl && reply?.status === 200) {
          const status = reply.body.data;
          if (status.status === 'succeeded') return { accepted, commandId, result: { ok: true, data: undefined, aggregateId: status.aggregateId }, tries };
          if (status.status === 'failed')
            return { accepted, commandId, result: { ok: false, status: 409, code: String(status.error?.code ?? 'COMMAND_FAILED') }, tries };
        } else if (statusUrl && reply?.status === 404) {
          statusUrl = undefined;
          continue;
        } else if (!statusUrl && reply) {
          commandId = reply.headers.get('x-command-id') ?? commandId;
          if (reply.status === 202) {
            accepted = true;
            statusUrl = reply.headers.get('location') ?? `/api/commands/${commandId}`;
          } else if (!retried(reply)) {
            const ok = reply.status >= 200 && reply.status < 300;
            accepted ||= ok;
            return { accepted, commandId, result: ok ? { ok: true, data: reply.body?.data, aggregateId: undefined } : refusal(reply), tries };
          }
        }
        await pause(tries);
      }
      return { accepted, commandId, result: undefined, tries };
    },
  };
}
