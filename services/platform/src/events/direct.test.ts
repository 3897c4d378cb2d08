import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from '../kafka/incoming.js';
import { directSubscriptions } from './direct.js';
import { on } from './listener.js';

const log = { info: () => undefined, debug: () => undefined, warn: () => undefined } as never;
const message = (topic: string, value: Record<string, unknown>): IncomingMessage => ({
  topic,
  partition: 0,
  offset: '0',
  key: null,
  value,
  recordName: '',
  headers: {},
  id: String(value.eventId ?? value.commandId),
});

describe('the direct pipeline', () => {
  it("runs a topic's listeners in the order declared, each with the value the topic's record type names", async () => {
    const steps: string[] = [];
    const subscriptions = directSubscriptions(
      [
        on('user.erased', async (event) => void steps.push(`deny ${event.userId}`)),
        on('command.results', async (result) => void steps.push(`answer ${result.commandId} ${result.status}`)),
        on('user.erased', async (event) => void steps.push(`forget ${event.userId}`)),
      ],
      { fromBeginning: false },
    );
    const of = (topic: string) => subscriptions.find((subscription) => subscription.topic === topic)!;

    await of('user.erased').handle(message('user.erased', { eventId: 'e-1', occurredAt: 1, userId: 'u-1' }), log);
    await of('command.results').handle(message('command.results', { commandId: 'c-1', status: 'succeeded' }), log);

    expect(subscriptions.map(({ topic, fromBeginning }) => ({ topic, fromBeginning }))).toEqual([
      { topic: 'user.erased', fromBeginning: false },
      { topic: 'command.results', fromBeginning: false },
    ]);
    expect(steps).toEqual(['deny u-1', 'forget u-1', 'answer c-1 succeeded']);
  });

  it('stops at a failing listener and passes the failure to the consumer, which handles the message again', async () => {
    const steps: string[] = [];
    const [subscription] = directSubscriptions(
      [
        on('user.deactivated', async () => {
          throw new Error('redis down');
        }),
        on('user.deactivated', async () => void steps.push('after')),
      ],
      { fromBeginning: true },
    );

    await expect(subscription!.handle(message('user.deactivated', { eventId: 'e-2', occurredAt: 1, userId: 'u-2' }), log)).rejects.toThrow('redis down');

    expect(subscription!.fromBeginning).toBe(true);
    expect(steps).toEqual([]);
  });
});
