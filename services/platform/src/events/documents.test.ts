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

    await erasure.handleBatch!([erased('a')], log);
    await erasure.handleBatch!([erased('b')], log);

    expect(subscriptions.map((subscription) => subscription.topic)).toEqual(['user.erased', 'user.registered']);
    expect(steps).toEqual(['forget a', 'purge a', 'wake', 'forget b', 'purge b', 'wake']);
  });

  it('runs the events of one key in order and those of different keys at the same time', async () => {
    const steps: string[] = [];
    const released: Array<() => void> = [];
    const [subscription] = documentSubscriptions([
      on('user.erased', async (event: { userId: string; eventId: string }) => {
        steps.push(`start ${event.eventId}`);
        await new Promise<void>((resolve) => released.push(resolve));
        steps.push(`end ${event.eventId}`);
      }),
    ]);
    const second = { ...erased('a'), offset: '1', value: { eventId: 'e-a2', occurredAt: 2, userId: 'a' }, id: 'e-a2' };

    const handled = subscription!.handleBatch!([erased('a'), erased('b'), second], log);
    await new Promise((resolve) => setImmediate(resolve));
    // a's first event and b's event have started; a's second waits for a's first.
    expect(steps).toEqual(['start e-a', 'start e-b']);
    for (let turn = 0; turn < 3; turn += 1) {
      released.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await handled;

    expect(steps.indexOf('start e-a2')).toBeGreaterThan(steps.indexOf('end e-a'));
    expect(steps.filter((step) => step.startsWith('end'))).toHaveLength(3);
  });

  it('fails the batch when one key fails, once every key has finished, and runs no effect', async () => {
    const steps: string[] = [];
    const [subscription] = documentSubscriptions([
      on('user.erased', async (event, { afterwards }: DocumentContext) => {
        afterwards(() => void steps.push('wake'));
        if (event.userId === 'a') throw new Error('store down');
        await new Promise((resolve) => setTimeout(resolve, 20));
        steps.push(`done ${event.userId}`);
      }),
    ]);

    await expect(subscription!.handleBatch!([erased('a'), erased('b')], log)).rejects.toThrow('store down');

    expect(steps).toEqual(['done b']);
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
