import { pino, type Logger, type LoggerOptions } from 'pino';
import { trace } from '@opentelemetry/api';

export type { Logger } from 'pino';

/**
 * JSON logs bound to the service name; every line carries the active trace id when there is one.
 * To stdout, unless `fd` names another descriptor (a command line keeps stdout for its output).
 */
export function createLogger(options: { service: string; level: string; fd?: number }): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const span = trace.getActiveSpan();
      return span ? { traceId: span.spanContext().traceId } : {};
    },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'accessToken', '*.accessToken', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return options.fd === undefined ? pino(settings) : pino(settings, pino.destination(options.fd));
}
