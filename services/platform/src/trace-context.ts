import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/**
 * Trace context flows HTTP → Kafka headers → consumers → Kafka (W3C `traceparent`/`tracestate`),
 * through the OpenTelemetry API alone. tracing.ts starts the SDK that records and exports the spans;
 * kept apart so that code which only passes trace context on (the operator's command line) loads no SDK.
 */
const tracer = () => trace.getTracer('smartcourse');

/** Adds `traceparent`/`tracestate` of the active (or given) context to a header carrier. */
export function injectTraceContext(carrier: Record<string, string>, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, carrier);
  return carrier;
}

export function extractTraceContext(carrier: Record<string, string | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (headers, key) => headers[key],
    keys: (headers) => Object.keys(headers),
  });
}

/** Runs `work` inside a new span (child of `parent`), recording failures on it. */
export async function inSpan<T>(
  name: string,
  options: { kind: 'server' | 'consumer' | 'producer' | 'internal'; parent?: Context; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const kinds = { server: SpanKind.SERVER, consumer: SpanKind.CONSUMER, producer: SpanKind.PRODUCER, internal: SpanKind.INTERNAL };
  const span = tracer().startSpan(name, { kind: kinds[options.kind], attributes: options.attributes ?? {} }, options.parent ?? context.active());
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
