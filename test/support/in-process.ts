import {
  startService,
  type Handler,
  type PostgresKit,
  type ServiceDefinition,
  type ServiceKit,
  type StartedService,
  type Subscription,
} from '@smartcourse/platform';

/** A logger that drops what a handler called directly by a test would log. */
export const log = { info: () => undefined, debug: () => undefined, warn: () => undefined } as never;

/**
 * A service in the test's process against the real servers, its consumer off: its internal API
 * on a real port, its subscription handlers for the test to call directly.
 */
export async function startInProcess(definition: ServiceDefinition): Promise<{ service: StartedService; handlerOf(topic: string): Handler }> {
  let subscriptions: Subscription[] = [];
  const wire = definition.wire as (kit: PostgresKit & ServiceKit) => ReturnType<ServiceDefinition['wire']>;
  const service = await startService(
    {
      ...definition,
      async wire(kit: PostgresKit & ServiceKit) {
        const parts = await wire(kit);
        subscriptions = parts.subscriptions;
        return parts;
      },
    } as ServiceDefinition,
    { consume: false },
  );
  const handlers = new Map(subscriptions.map((subscription) => [subscription.topic, subscription.handle]));
  return {
    service,
    handlerOf(topic) {
      const handler = handlers.get(topic);
      if (!handler) throw new Error(`${definition.name} does not consume ${topic}`);
      return handler;
    },
  };
}
