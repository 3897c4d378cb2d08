import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Starts the OpenTelemetry SDK of a service (trace-context.ts carries the context across HTTP and
 * Kafka). The provider keeps the active span in AsyncLocalStorage so logs and produced records pick it up.
 * Spans are exported over OTLP/HTTP when an endpoint is configured (e.g. Jaeger or a collector).
 */
export function startTracing(options: { service: string; otlpEndpoint?: string | undefined }): { stop(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service, 'service.namespace': 'smartcourse' }),
    spanProcessors: options.otlpEndpoint
      ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))]
      : [],
  });
  provider.register();
  return { stop: () => provider.shutdown() };
}
