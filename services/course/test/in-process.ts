import { randomUUID } from 'node:crypto';
import type { CommandRecords } from '@smartcourse/contracts';
import { startService, type PostgresKit, type IncomingMessage, type Knex, type StartedService, type Subscription } from '@smartcourse/platform';
import { config, type Config } from '../src/config.js';
import { courseService } from '../src/service.js';
import { incoming } from '../../../test/support/messages.js';

export const log = { info: () => undefined, debug: () => undefined, warn: () => undefined } as never;

type CourseCommand = Extract<keyof CommandRecords, `smartcourse.commands.course.${string}`>;

/**
 * The course service in this process against the real Postgres, document store, Kafka and
 * registry: its internal API on a real port, its subscription handlers called directly.
 */
export async function startCourseService(overrides: Partial<Config> = {}) {
  const definition = courseService({ ...config, COURSE_HTTP_PORT: 0, LOG_LEVEL: 'silent', ...overrides });
  let subscriptions: Subscription[] = [];
  const service: StartedService = await startService(
    {
      ...definition,
      async wire(kit: PostgresKit) {
        const parts = await definition.wire(kit);
        subscriptions = parts.subscriptions;
        return parts;
      },
    },
    { consume: false },
  );
  const handlers = new Map(subscriptions.map((subscription) => [subscription.topic, subscription.handle]));
  const handlerOf = (topic: string) => {
    const handler = handlers.get(topic);
    if (!handler) throw new Error(`the course service does not consume ${topic}`);
    return handler;
  };

  /** A command record as the gateway sends it, by an actor. */
  function commandMessage<N extends CourseCommand>(recordName: N, actor: { userId: string; role: string }, fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>, commandId = randomUUID()): IncomingMessage {
    const value = { commandId, issuedAt: Date.now(), actor, ...fields };
    const ids = fields as unknown as { courseId?: string; lessonId?: string };
    const key = String(ids.courseId ?? ids.lessonId);
    return incoming('course.commands', recordName, value, { key, id: commandId });
  }

  return {
    service,
    db: service.kit.db as Knex,
    commandMessage,
    /** Handles a command as the consumer would (its own transaction) and returns its result from the outbox. */
    async command<N extends CourseCommand>(recordName: N, actor: { userId: string; role: string }, fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>) {
      const message = commandMessage(recordName, actor, fields);
      await handlerOf('course.commands')(message, log);
      return resultOf(service.kit.db as Knex, message.id);
    },
    /** Handles a consumed event (an enrollment or user fact). */
    event: (topic: string, recordName: string, value: { eventId: string; occurredAt: number }, key: string) => handlerOf(topic)(incoming(topic, recordName, value, { key, id: value.eventId }), log),
    handlerOf,
    internal: (path: string, actor?: { userId: string; role: string }) =>
      fetch(`${service.url}${path}`, {
        headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, ...(actor ? { 'x-actor-id': actor.userId, 'x-actor-role': actor.role } : {}) },
      }),
  };
}

export async function resultOf(db: Knex, commandId: string): Promise<{ status: string; errorCode: string | null; errorDetails: string | null }> {
  const row = await db('outbox').where({ topic: 'command.results', record_key: commandId }).orderBy('id', 'desc').first();
  if (!row) throw new Error(`no result for command ${commandId}`);
  return row.value;
}
