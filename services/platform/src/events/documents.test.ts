import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage } from '../kafka/incoming.js';
import { documentSubscriptions, type DocumentContext } from './documents.js';
import { on } from './listener.js';

const log = { info: () => undefined, debug: () => undefined, warn: () => undefined } as never;
const erased = (userId: string): IncomingMessage => ({
  topic: 'user.erased',
  partition: 0,
  offset: '0',
  key: userId,
  value: { eventId: `e-${userId}`, occurredAt: 1, userId },
  recordName: 'smartcourse.events.user.UserErased',
  headers: {},
  id: `e-${userId}`,
});

describe('the document pipeline', () => {
  it("runs a topic's listeners in the order declared, and each effect asked for afterwards once per batch", async () => {
    const steps: string[] = [];
    const wake = () => void steps.push('wake');
    const subscriptions = documentSubscriptions([
      on('user.erased', async (event, { afterwards }: DocumentContext) => {
        steps.push(`forget ${event.userId}`);
        afterwards(wake);
      }),
      on('user.erased', async (event, { afterwards }: DocumentContext) => {
        steps.push(`purge ${event.userId}`);
        afterwards(wake);
      }),
      on('user.registered', async () => void steps.push('never')),
    ]);
    const erasure = subscriptions.find((subscription) => subscription.topic === 'user.erased')!;

    await erasure.handleBatch!([erased('a'), erased('b')], log);

    expect(subscriptions.map((subscription) => subscription.topic)).toEqual(['user.erased', 'user.registered']);
    expect(steps).toEqual(['forget a', 'purge a', 'forget b', 'purge b', 'wake']);
  });

  it('runs no effect when a listener fails: the consumer handles the event again', async () => {
    const steps: string[] = [];
    const [subscription] = documentSubscriptions([
      on('user.erased', async (_event, { afterwards }: DocumentContext) => {
        afterwards(() => void steps.push('wake'));
        throw new Error('store down');
      }),
    ]);

    await expect(subscription!.handle(erased('a'), log)).rejects.toThrow('store down');

    expect(steps).toEqual([]);
  });
});
