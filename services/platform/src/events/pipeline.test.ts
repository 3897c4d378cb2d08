import { describe, expect, it } from '@jest/globals';
import type { Replica } from '../replicas/replica.js';
import { emitted } from '../outbox/transaction.js';
import { on, type ReplicaContext } from './listener.js';
import { listenersByTopic } from './pipeline.js';

const noop = async () => undefined;
const replica = (name: string, topics: Array<'user.registered' | 'user.erased'>): Replica => ({
  name,
  description: name,
  tables: [],
  listeners: topics.map((topic) => on<typeof topic, ReplicaContext>(topic, noop)),
});

describe('the listeners of a service, by topic', () => {
  it("puts every replica's listeners of a topic before the service's own, each side in the order declared", () => {
    const names = replica('names', ['user.registered', 'user.erased']);
    const other = replica('other', ['user.erased']);
    const own = [on('user.erased', noop), on('enrollment.completed', noop)];

    const byTopic = listenersByTopic({ replicas: [names, other], listeners: own });

    expect([...byTopic.keys()]).toEqual(['user.registered', 'user.erased', 'enrollment.completed']);
    expect(byTopic.get('user.erased')).toEqual({ replica: [names.listeners[1], other.listeners[0]], event: [own[0]] });
    expect(byTopic.get('user.registered')).toEqual({ replica: [names.listeners[0]], event: [] });
    expect(byTopic.get('enrollment.completed')).toEqual({ replica: [], event: [own[1]] });
  });
});

describe('a listener declared with on(...)', () => {
  it('hands its handler the decoded value as the topic’s record', async () => {
    const seen: string[] = [];
    const listener = on('user.erased', async (event) => void seen.push(event.userId));

    await listener.run({ eventId: 'e', occurredAt: 1, userId: 'u-1' }, {} as never);

    expect(listener.topic).toBe('user.erased');
    expect(seen).toEqual(['u-1']);
  });
});

describe('the records a unit emits', () => {
  it('keeps them in the order emitted, across calls', () => {
    const { emit, records } = emitted();
    const record = (key: string) => ({ topic: 't', subject: 's', key, value: null, headers: {} });

    emit(record('a'), record('b'));
    emit();
    emit(record('a'));

    expect(records.map((r) => r.key)).toEqual(['a', 'b', 'a']);
  });
});
