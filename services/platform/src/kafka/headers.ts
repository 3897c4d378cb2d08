import type { IHeaders } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { injectTraceContext } from '../trace-context.js';

/** Correlation and causation of a message: who asked for it and what caused it. */
export interface MessageContext {
  correlationId: string;
  causationId?: string | undefined;
  traceparent?: string | undefined;
  tracestate?: string | undefined;
}

/** Context of a fresh request: new correlation id, the active trace. */
export function newContext(correlationId: string = randomUUID()): MessageContext {
  const trace = injectTraceContext({});
  return { correlationId, traceparent: trace.traceparent, tracestate: trace.tracestate };
}

/**
 * CloudEvents Kafka protocol binding, binary mode, plus W3C trace context and correlation.
 * `type` is the topic for events, `<topic>.<RecordName>` for commands.
 */
export function cloudEventHeaders(event: {
  id: string;
  service: string;
  type: string;
  subject: string;
  time: Date;
  context: MessageContext;
}): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_source: `/smartcourse/${event.service}`,
    ce_type: `smartcourse.${event.type}`,
    ce_time: event.time.toISOString(),
    ce_subject: event.subject,
    'content-type': 'application/avro',
    correlation_id: event.context.correlationId,
  };
  if (event.context.causationId) headers.causation_id = event.context.causationId;
  if (event.context.traceparent) headers.traceparent = event.context.traceparent;
  if (event.context.tracestate) headers.tracestate = event.context.tracestate;
  return headers;
}

/** Kafka header values as strings (kafkajs hands out Buffers). */
export function readHeaders(raw: IHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[key] = first.toString();
  }
  return headers;
}

/** The context for messages caused by this one: same correlation, causation = this message's id. */
export function causedBy(headers: Record<string, string>, messageId: string): MessageContext {
  return {
    correlationId: headers.correlation_id ?? messageId,
    causationId: messageId,
    traceparent: headers.traceparent,
    tracestate: headers.tracestate,
  };
}
