import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { certificateIdOf, type XapiStatement } from '@smartcourse/contracts';
import { statementIdOf, verbs } from '../../services/analytics/src/statements/statement.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { caughtUp, closeKafka, decode, publishEvent, readTopic } from '../support/kafka.js';
import { completeCourse, enroll, eventsOf, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { storedStatement, storedStatements } from '../support/lrs.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { scJson } from '../support/sc.js';

let admin: { id: string; token: string };
let course: PublishedCourse;

usePlatform();
beforeAll(async () => {
  admin = await newAdmin();
  const instructor = await newInstructor(admin, 'Recorder');
  course = await publishedCourse(instructor.token);
}, 180_000);
afterAll(async () => {
  await closeKafka();
});

/** The statements on `xapi.statements` whose learner (the record key) is this person. */
async function statementsOf(userId: string): Promise<XapiStatement[]> {
  return Promise.all((await readTopic('xapi.statements')).filter((record) => record.key === userId).map((record) => decode<XapiStatement>(record)));
}

/** The ids of the events of this person's journey that are learning records. */
async function learningEventIds(studentId: string, enrollmentId: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const add = (topic: string, events: Array<Record<string, unknown>>) => events.forEach((event) => ids.set(String(event.eventId), topic));
  for (const topic of ['enrollment.created', 'lesson.completed', 'enrollment.completed']) add(topic, await eventsOf(topic, enrollmentId));
  const quizzes = await Promise.all((await readTopic('quiz.attempt_graded')).filter((r) => r.key === studentId).map((r) => decode<Record<string, unknown>>(r)));
  add('quiz.attempt_graded', quizzes);
  add('certificate.issued', await eventsOf('certificate.issued', certificateIdOf(enrollmentId)));
  return ids;
}

describe('learning records (xAPI)', () => {
  it('turns a journey into statements, on xapi.statements and stored by the LRS, each id derived from its event, the learner an account id', async () => {
    const student = await newUser('Recorded');
    const enrollmentId = await completeCourse(course, student.token);
    await eventually(
      async () => (await eventsOf('certificate.issued', certificateIdOf(enrollmentId))).length,
      (count) => count === 1,
      30_000,
    );
    const sources = await learningEventIds(student.id, enrollmentId);
    // registered, lessons completed, the quiz passed, the course completed, the certificate earned
    expect(new Set(sources.values())).toEqual(
      new Set(['enrollment.created', 'lesson.completed', 'quiz.attempt_graded', 'enrollment.completed', 'certificate.issued']),
    );

    const onTopic = await eventually(
      () => statementsOf(student.id),
      (found) => found.length >= sources.size,
      30_000,
    );
    expect(onTopic.map((record) => record.sourceEventId).sort()).toEqual([...sources.keys()].sort());
    for (const record of onTopic) {
      expect(record.eventId).toBe(statementIdOf(record.sourceEventId));
      const statement = JSON.parse(record.statement);
      expect(statement.id).toBe(record.eventId);
      expect(statement.actor.account.name).toBe(student.id);
      expect(record.statement).not.toContain(student.email);
      expect(statement.actor.mbox).toBeUndefined();
    }
    const verbOf = (topic: string) => onTopic.find((record) => sources.get(record.sourceEventId) === topic)!.verb;
    expect(verbOf('enrollment.created')).toBe(verbs.registered);
    expect(verbOf('enrollment.completed')).toBe(verbs.completed);
    expect(verbOf('quiz.attempt_graded')).toBe(verbs.passed);
    expect(verbOf('certificate.issued')).toBe(verbs.earned);

    // The LRS validated and stored each one as sent; `stored` is its own.
    const stored = await storedStatements(onTopic.map((record) => record.eventId));
    for (const record of onTopic) {
      const sent = JSON.parse(record.statement);
      const kept = stored.get(record.eventId)!;
      expect(kept).toMatchObject({ id: sent.id, actor: sent.actor, verb: sent.verb, object: sent.object });
      expect(Date.parse(kept.timestamp)).toBe(Date.parse(sent.timestamp));
      expect(typeof kept.stored).toBe('string');
    }
    const passed = stored.get(onTopic.find((record) => record.verb === verbs.passed)!.eventId)!;
    expect(passed.result).toMatchObject({ score: { scaled: 1, raw: 1, min: 0, max: 1 }, success: true });
  }, 120_000);

  it('voids in the LRS what it holds of an erased person, and makes no statement of theirs again', async () => {
    const student = await newUser('Forgotten');
    const enrolled = await enroll(student.token, course.courseId);
    expect(enrolled.status).toBe(201);
    await eventually(
      () => api('GET', `/api/lessons/${course.theory}`, { token: student.token }),
      (answer) => answer.status === 200,
      20_000,
    );
    expect((await api('POST', `/api/lessons/${course.theory}/complete`, { token: student.token })).status).toBe(200);
    const before = await eventually(
      () => statementsOf(student.id),
      (found) => found.length === 2,
      30_000,
    );
    await storedStatements(before.map((record) => record.eventId));

    expect((await api('DELETE', `/api/admin/users/${student.id}`, { token: admin.token })).status).toBe(200);
    const voiding = await eventually(
      async () => (await statementsOf(student.id)).filter((record) => record.verb === verbs.voided),
      (found) => found.length === 2,
      30_000,
    );
    expect(voiding.map((record) => record.objectId).sort()).toEqual(before.map((record) => record.eventId).sort());
    const voided = await storedStatements(voiding.map((record) => record.eventId));
    for (const record of voiding) {
      const kept = voided.get(record.eventId)!;
      expect(kept.verb.id).toBe(verbs.voided);
      expect(kept.object).toEqual({ objectType: 'StatementRef', id: record.objectId });
      expect(kept.actor.account.name).not.toBe(student.id);
    }

    // A learning event of the erased person read now (a late one, or a replay) makes no statement.
    const late = randomUUID();
    await publishEvent('lesson.completed', enrolled.body.data.id, {
      eventId: late,
      occurredAt: Date.now(),
      enrollmentId: enrolled.body.data.id,
      studentId: student.id,
      courseId: course.courseId,
      version: 99,
      lessonId: course.video,
      completedAt: Date.now(),
      percent: 100,
    });
    await eventually(() => caughtUp('analytics', ['lesson.completed']), Boolean, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await statementsOf(student.id)).filter((record) => record.sourceEventId === late)).toEqual([]);
    expect(await storedStatement(statementIdOf(late))).toBeUndefined();
  }, 120_000);

  it('dead-letters a statement the LRS rejects with its reason, for sc dlq to show and send back', async () => {
    type Letter = { offset: number; key: string | null; failure: { code: string; error: string; sourceTopic: string } };
    const letters = () => scJson<{ records: Letter[] }>(['dlq', 'show', 'analytics', '--from', '0']);
    const actorId = randomUUID();
    const sourceEventId = randomUUID();
    const id = statementIdOf(sourceEventId);
    const invalid = {
      id,
      actor: { objectType: 'Agent' }, // no identifier: no mbox, no account
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: { objectType: 'Activity', id: `http://127.0.0.1:3000/api/courses/${course.courseId}` },
      timestamp: new Date().toISOString(),
      version: '1.0.3',
    };
    await publishEvent('xapi.statements', actorId, {
      eventId: id,
      occurredAt: Date.now(),
      actorId,
      verb: invalid.verb.id,
      objectId: invalid.object.id,
      sourceEventId,
      statement: JSON.stringify(invalid),
    });
    const page = await eventually(letters, (found) => found.records.some((letter) => letter.key === actorId), 60_000);
    const letter = page.records.find((found) => found.key === actorId)!;
    expect(letter.failure).toMatchObject({ code: 'STATEMENT_REJECTED', sourceTopic: 'xapi.statements' });
    expect(letter.failure.error).toContain(`the LRS refused statement ${id} (422): `);
    expect(await storedStatement(id)).toBeUndefined();

    const redrive = await scJson<{ count: number; targetTopics: string[] }>(['dlq', 'redrive', 'analytics', '--offsets', `${letter.offset}-${letter.offset}`]);
    expect(redrive).toMatchObject({ count: 1, targetTopics: ['xapi.statements'] });
    // Sent again, refused again: a second dead letter of the same statement.
    await eventually(letters, (found) => found.records.filter((letter) => letter.key === actorId).length === 2, 60_000);
  }, 150_000);
});
