import { loadConfig } from '@smartcourse/platform';
import { randomUUID } from 'node:crypto';
import { enrollmentIdOf, type CommandRecords } from '@smartcourse/contracts';
import type { IncomingMessage, Knex } from '@smartcourse/platform';
import { configSchema, type Config } from '../src/config.js';
import { enrollmentService } from '../src/service.js';
import { log, startInProcess } from '../../../test/support/in-process.js';
import { incoming } from '../../../test/support/messages.js';

const config = loadConfig(configSchema);

export { log };

type EnrollmentCommand = Extract<keyof CommandRecords, `smartcourse.commands.enrollment.${string}`>;
export type Actor = { userId: string; role: string };
export interface Lesson {
  lessonId: string;
  kind: string;
  required: boolean;
  quizId: string | null;
}

/**
 * The enrollment-progress service in this process against the real Postgres, Kafka and
 * registry: its internal API on a real port, its subscription handlers called directly.
 */
export async function startEnrollmentService(overrides: Partial<Config> = {}) {
  const { service, handlerOf } = await startInProcess(enrollmentService({ ...config, ENROLLMENT_HTTP_PORT: 0, LOG_LEVEL: 'silent', ...overrides }));
  const db = service.kit.db as Knex;

  /** A command record as the gateway sends it, by an actor. */
  function commandMessage<N extends EnrollmentCommand>(
    recordName: N,
    actor: Actor,
    fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>,
    commandId = randomUUID(),
  ): IncomingMessage {
    const value = { commandId, issuedAt: Date.now(), actor, ...fields };
    const ids = fields as unknown as { enrollmentId?: string; studentId?: string };
    return incoming('enrollment.commands', recordName, value, { key: String(ids.enrollmentId ?? ids.studentId), id: commandId });
  }

  const event = (topic: string, recordName: string, fields: object, key: string) => {
    const eventId = randomUUID();
    return handlerOf(topic)(incoming(topic, `smartcourse.events.${recordName}`, { eventId, occurredAt: Date.now(), ...fields }, { key, id: eventId }), log);
  };

  const publishCourse = (courseId: string, instructorId: string, priceCents = 0) =>
    event(
      'course.published',
      'course.CoursePublished',
      {
        courseId,
        instructorId,
        slug: `c-${courseId}`,
        title: `Course ${courseId.slice(0, 6)}`,
        summary: 's',
        category: null,
        tags: [],
        level: 'beginner',
        language: 'en',
        priceCents,
        currency: 'EUR',
        structureVersion: 1,
      },
      courseId,
    );

  const structure = (courseId: string, structureVersion: number, lessons: readonly Lesson[]) =>
    event(
      'course.structure_changed',
      'course.CourseStructureChanged',
      {
        courseId,
        structureVersion,
        modules: [{ moduleId: randomUUID(), title: 'M', lessons: lessons.map((lesson) => ({ ...lesson, title: 'L', durationMinutes: 5, isPreview: false })) }],
      },
      courseId,
    );

  const quizGraded = (fields: {
    studentId: string;
    courseId: string;
    quizId: string;
    lessonId: string;
    attemptNumber: number;
    gradePercent: number;
    passed: boolean;
  }) =>
    event(
      'quiz.attempt_graded',
      'course.QuizAttemptGraded',
      {
        attemptId: randomUUID(),
        quizId: fields.quizId,
        lessonId: fields.lessonId,
        courseId: fields.courseId,
        studentId: fields.studentId,
        attemptNumber: fields.attemptNumber,
        score: fields.gradePercent,
        maxScore: 100,
        percent: fields.gradePercent,
        passed: fields.passed,
        quizGradePercent: fields.gradePercent,
        quizPassed: fields.passed,
      },
      fields.studentId,
    );

  /** An order event as the payment service publishes it (keyed by the order), to deliver once or more. */
  const orderMessage = (
    topic: 'order.paid' | 'order.refunded',
    order: { orderId: string; studentId: string; courseId: string },
    at = Date.now(),
  ): IncomingMessage => {
    const eventId = randomUUID();
    const common = { eventId, occurredAt: at, ...order, instructorId: randomUUID(), amountCents: 4900, currency: 'EUR' };
    const value =
      topic === 'order.paid'
        ? { ...common, provider: 'fake', paidAt: at }
        : { ...common, refundId: `re_${eventId.slice(0, 8)}`, initiatedBy: order.studentId, refundedAt: at };
    return incoming(topic, `smartcourse.events.order.${topic === 'order.paid' ? 'OrderPaid' : 'OrderRefunded'}`, value, { key: order.orderId, id: eventId });
  };
  const deliver = (message: IncomingMessage) => handlerOf(message.topic)(message, log);

  async function command<N extends EnrollmentCommand>(recordName: N, actor: Actor, fields: Omit<CommandRecords[N], 'commandId' | 'issuedAt' | 'actor'>) {
    const message = commandMessage(recordName, actor, fields);
    await handlerOf('enrollment.commands')(message, log);
    return resultOf(db, message.id);
  }

  return {
    service,
    db,
    handlerOf,
    commandMessage,
    command,
    publishCourse,
    structure,
    quizGraded,
    event,
    orderMessage,
    deliver,
    enroll: (student: Actor, courseId: string) =>
      command('smartcourse.commands.enrollment.Enroll', student, {
        enrollmentId: enrollmentIdOf(student.userId, courseId),
        studentId: student.userId,
        courseId,
      }),
    complete: (student: Actor, lessonId: string) => command('smartcourse.commands.enrollment.CompleteLesson', student, { studentId: student.userId, lessonId }),
    /** The outbox rows of one topic for one enrollment, oldest first. */
    async outbox(topic: string, enrollmentId: string): Promise<Record<string, any>[]> {
      const rows = (await db('outbox').where({ topic, record_key: enrollmentId }).orderBy('id')) as { value: Record<string, any> }[];
      return rows.map((row) => row.value);
    },
    async call(path: string, actor: Actor): Promise<{ status: number; body: any }> {
      const response = await this.fetch(path, actor);
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    /** The internal API's answer as it is (a CSV file is not JSON). */
    fetch: (path: string, actor: Actor): Promise<Response> =>
      fetch(`${service.url}${path}`, {
        headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, 'x-actor-id': actor.userId, 'x-actor-role': actor.role },
      }),
  };
}

export async function resultOf(db: Knex, commandId: string): Promise<{ status: string; errorCode: string | null; aggregateId: string }> {
  const row = await db('outbox').where({ topic: 'command.results', record_key: commandId }).orderBy('id', 'desc').first();
  if (!row) throw new Error(`no result for command ${commandId}`);
  return row.value;
}
