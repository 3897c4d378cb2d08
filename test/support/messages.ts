import type { IncomingMessage } from '@smartcourse/platform';

/**
 * A consumed record as a handler receives it, for component tests that call handlers directly:
 * `id` is its event or command id (and its `ce_id` header).
 */
export function incoming(topic: string, recordName: string, value: object, options: { key: string; id: string }): IncomingMessage {
  return {
    topic,
    partition: 0,
    offset: '0',
    key: options.key,
    value: value as Record<string, unknown>,
    recordName,
    headers: { ce_id: options.id, correlation_id: options.id },
    id: options.id,
  };
}
