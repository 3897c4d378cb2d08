import { loadConfig } from '@smartcourse/platform';
import { randomUUID } from 'node:crypto';
import type { CommandRecords, LessonContent } from '@smartcourse/contracts';
import type { IncomingMessage, Knex } from '@smartcourse/platform';
import { configSchema, type Config } from '../src/config.js';
import { courseService } from '../src/service.js';
import { log, startInProcess } from '../../../test/support/in-process.js';
import { incoming } from '../../../test/support/messages.js';

const config = loadConfig(configSchema);

export { log };

type CourseCommand = Extract<keyof CommandRecords, `smartcourse.commands.course.${string}`>;
type Actor = { userId: string; role: string };

/**
 * The course service in this process against the real Postgres, document store, Kafka and
 * registry: its internal API on a real port, its subscription handlers called directly.
 */
export async function startCourseService(overrides: Partial<Config> = {}) {
  const { service, handlerOf } = await startInProcess(courseService({ ...config, COURSE_HTTP_PORT: 0, LOG_LEVEL: 'silent', ...overrides }));

  /** A command record as the gateway sends it, by an actor. */
  function commandMessage<N extends CourseCommand>(
    recordName: N,
    actor: Actor,
    fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>,
    commandId = randomUUID(),
  ): IncomingMessage {
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
    async command<N extends CourseCommand>(recordName: N, actor: Actor, fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>) {
      const message = commandMessage(recordName, actor, fields);
      await handlerOf('course.commands')(message, log);
      return resultOf(service.kit.db as Knex, message.id);
    },
    /** Handles a consumed event (an enrollment or user fact). */
    event: (topic: string, recordName: string, value: { eventId: string; occurredAt: number }, key: string) =>
      handlerOf(topic)(incoming(topic, recordName, value, { key, id: value.eventId }), log),
    handlerOf,
    internal: (path: string, actor?: Actor) =>
      fetch(`${service.url}${path}`, {
        headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, ...(actor ? { 'x-actor-id': actor.userId, 'x-actor-role': actor.role } : {}) },
      }),
    /** A call to the internal API as the actor, with a JSON body; the answer parsed. */
    async call(method: string, path: string, actor: Actor, body?: unknown): Promise<{ status: number; body: any }> {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, 'x-actor-id': actor.userId, 'x-actor-role': actor.role, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

type CourseInProcess = Awaited<ReturnType<typeof startCourseService>>;

/** A draft course of the owner with one module, through the service's own commands. */
export async function draftWithModule(course: CourseInProcess, owner: Actor): Promise<{ courseId: string; moduleId: string }> {
  const courseId = randomUUID();
  const created = await course.command('smartcourse.commands.course.CreateCourse', owner, {
    courseId,
    title: `Pottery ${courseId.slice(0, 6)}`,
    summary: 'Wheel throwing for beginners.',
    description: null,
    category: null,
    tags: [],
    level: 'beginner',
    language: 'en',
    priceCents: 0,
    currency: 'EUR',
    thumbnailUrl: null,
    thumbnailFileId: null,
  });
  if (created.status !== 'succeeded') throw new Error(`CreateCourse failed: ${created.errorCode}`);
  const moduleId = randomUUID();
  const added = await course.command('smartcourse.commands.course.AddModule', owner, { courseId, moduleId, title: 'Clay' });
  if (added.status !== 'succeeded') throw new Error(`AddModule failed: ${added.errorCode}`);
  return { courseId, moduleId };
}

/** A lesson body as a command record carries it: nothing but what is given. */
export const lessonContent = (given: Partial<LessonContent> = {}): LessonContent => ({
  markdown: null,
  videoUrl: null,
  videoFileId: null,
  attachmentFileIds: [],
  links: [],
  attachments: [],
  ...given,
});

/** An AddLesson command record (handle it to add the lesson). */
export function addLessonMessage(
  course: CourseInProcess,
  owner: Actor,
  target: { courseId: string; moduleId: string },
  lesson: { lessonId?: string; kind?: string; markdown?: string; body?: Partial<LessonContent>; isPreview?: boolean } = {},
): IncomingMessage {
  const lessonId = lesson.lessonId ?? randomUUID();
  return course.commandMessage('smartcourse.commands.course.AddLesson', owner, {
    ...target,
    lessonId,
    title: `Lesson ${lessonId.slice(0, 4)}`,
    kind: lesson.kind ?? 'theory',
    durationMinutes: 10,
    isPreview: lesson.isPreview ?? false,
    required: true,
    body: lessonContent({ markdown: lesson.markdown ?? 'Wedge the clay.', ...lesson.body }),
  });
}

/** The student enrolled in the course, as `enrollment.created` tells the replica. */
export function enrollInProcess(course: CourseInProcess, studentId: string, courseId: string) {
  const enrollmentId = randomUUID();
  return course.event(
    'enrollment.created',
    'smartcourse.events.enrollment.EnrollmentCreated',
    { eventId: randomUUID(), occurredAt: Date.now(), enrollmentId, studentId, courseId, version: 1, enrolledAt: Date.now() } as {
      eventId: string;
      occurredAt: number;
    },
    enrollmentId,
  );
}

export async function resultOf(db: Knex, commandId: string): Promise<{ status: string; errorCode: string | null; errorDetails: string | null }> {
  const row = await db('outbox').where({ topic: 'command.results', record_key: commandId }).orderBy('id', 'desc').first();
  if (!row) throw new Error(`no result for command ${commandId}`);
  return row.value;
}
