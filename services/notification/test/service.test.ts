import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { UserRegistered } from '@smartcourse/contracts';
import { startService, type IncomingMessage, type StartedService, type Subscription } from '@smartcourse/platform';
import { config } from '../src/config.js';
import { notificationService } from '../src/service.js';
import { mailTo } from '../../../test/support/mail.js';
import { incoming } from '../../../test/support/messages.js';

/**
 * The notification service in this process against the real document store and SMTP sink:
 * its subscription handlers called directly (no consumer runs), its internal API on a real port.
 */
let service: StartedService;
let handlers: Map<string, Subscription['handle']>;
const log = { info: () => undefined } as never;

beforeAll(async () => {
  const definition = notificationService({ ...config, NOTIFICATION_HTTP_PORT: 0, LOG_LEVEL: 'silent' });
  let subscriptions: Subscription[] = [];
  service = await startService(
    {
      ...definition,
      async wire(kit) {
        const parts = await definition.wire(kit);
        subscriptions = parts.subscriptions;
        return parts;
      },
    },
    { consume: false },
  );
  handlers = new Map(subscriptions.map((s) => [s.topic, s.handle]));
}, 60_000);
afterAll(async () => {
  await service?.stop();
});

function registered(userId: string, email: string): IncomingMessage {
  const value: UserRegistered = { eventId: randomUUID(), occurredAt: Date.now(), userId, email, fullName: 'Katherine Johnson', role: 'student', emailVerified: false };
  return incoming('user.registered', 'smartcourse.events.user.UserRegistered', value, { key: userId, id: value.eventId });
}

const internal = (actorId: string) => ({ 'x-internal-token': config.INTERNAL_API_TOKEN, 'x-actor-id': actorId, 'x-actor-role': 'student' });

describe('the notification service, in process', () => {
  it('sends one welcome mail per event, however often the event comes, and lists it for its user', async () => {
    const userId = randomUUID();
    const email = `welcome-${userId}@example.test`;
    const event = registered(userId, email);
    const handle = handlers.get('user.registered')!;
    await handle(event, log);
    await handle(event, log);

    const mail = (await mailTo(email)).filter((m) => m.subject === 'Welcome to SmartCourse');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('Hello Katherine Johnson');

    const listed = await fetch(`${service.url}/internal/users/${userId}/notifications`, { headers: internal(userId) });
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { data: Array<{ eventId: string; status: string; kind: string }> };
    expect(body.data).toEqual([expect.objectContaining({ eventId: event.id, status: 'sent', kind: 'welcome' })]);
  });

  it("refuses one user's notifications to another", async () => {
    const listed = await fetch(`${service.url}/internal/users/${randomUUID()}/notifications`, { headers: internal(randomUUID()) });
    expect(listed.status).toBe(403);
  });

  it('answers readiness with the document store and Kafka checked', async () => {
    const ready = await fetch(`${service.url}/ready`);
    const body = (await ready.json()) as { data: { checks: Record<string, string> } };
    expect(ready.status).toBe(200);
    expect(Object.keys(body.data.checks)).toEqual(expect.arrayContaining(['mongodb', 'kafka', 'schema-registry']));
  });
});
