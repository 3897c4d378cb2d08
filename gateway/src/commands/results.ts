import { randomUUID } from 'node:crypto';
import { directSubscriptions, on, type OwnConsumer } from '@smartcourse/platform';
import type { CommandBus } from './bus.js';

/**
 * The consumer of `command.results`. Each gateway instance reads every result (its own group,
 * from the latest offset), since the request waiting for a result may be held by any instance.
 */
export function resultConsumer(bus: Pick<CommandBus, 'onResult'>): OwnConsumer {
  return {
    name: 'result-consumer',
    groupId: `gateway-results-${randomUUID()}`,
    subscriptions: directSubscriptions([on('command.results', (result) => bus.onResult(result))], { fromBeginning: false }),
    // A request is waiting: fetch as soon as a result is there.
    maxWaitTimeInMs: 20,
  };
}
