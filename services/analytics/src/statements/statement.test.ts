import { describe, expect, it } from '@jest/globals';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { learningRecords } from './records.js';
import { activityIdOf, scaled, statementIdOf, statementOf, verbs, voidingStatementOf } from './statement.js';

const base = 'https://learn.example.org/';
const ids = {
  event: '0b7f5a7e-8a53-4c57-9d0e-6bde3c7a1f01',
  student: '4e1d2f63-54a9-4f0b-8a5e-2a8f3c9d7b12',
  course: '9a3c5e71-2b4d-4c6e-8f10-3d5b7e9a1c23',
  quiz: 'c2e4a6b8-0d1f-4a3c-9e5b-7d9f1b3d5e34',
  lesson: 'd3f5b7c9-1e2a-4b4d-8f6c-8e0a2c4e6f45',
  enrollment: 'e4a6c8d0-2f3b-4c5e-9a7d-9f1b3d5f7a56',
};
const at = Date.UTC(2026, 11, 7, 10, 30);

describe('statement ids', () => {
  it('are UUID v5 of the event id: the same event always gives the same id, another event another', () => {
    const id = statementIdOf(ids.event);
    expect(isUuid(id)).toBe(true);
    expect(uuidVersion(id)).toBe(5);
    expect(statementIdOf(ids.event)).toBe(id);
    expect(statementIdOf(ids.student)).not.toBe(id);
  });
});

describe('statementOf', () => {
  const graded = {
    eventId: ids.event,
    occurredAt: at,
    attemptId: ids.enrollment,
    quizId: ids.quiz,
    lessonId: ids.lesson,
    courseId: ids.course,
    studentId: ids.student,
    attemptNumber: 2,
    score: 3,
    maxScore: 4,
    percent: 75,
    passed: false,
    quizGradePercent: 75,
    quizPassed: false,
  };

  it('names the learner by an account on the platform, never by an email', () => {
    const statement = statementOf(base, learningRecords['quiz.attempt_graded'](graded));
    expect(statement.actor).toEqual({ objectType: 'Agent', account: { homePage: 'https://learn.example.org', name: ids.student } });
    expect(JSON.stringify(statement)).not.toMatch(/mbox|@/);
  });

  it('says failed with the scaled score for a failed quiz attempt, in its course, at the time it was graded', () => {
    const statement = statementOf(base, learningRecords['quiz.attempt_graded'](graded));
    expect(statement.id).toBe(statementIdOf(ids.event));
    expect(statement.verb.id).toBe(verbs.failed);
    expect(statement.object).toEqual({
      objectType: 'Activity',
      id: `https://learn.example.org/api/quizzes/${ids.quiz}`,
      definition: { type: 'http://adlnet.gov/expapi/activities/assessment' },
    });
    expect(statement.result).toEqual({ score: { scaled: 0.75, raw: 3, min: 0, max: 4 }, success: false });
    expect(statement.context?.contextActivities?.parent).toEqual([{ objectType: 'Activity', id: `https://learn.example.org/api/courses/${ids.course}` }]);
    expect(statement.timestamp).toBe('2026-12-07T10:30:00.000Z');
    expect(statement.version).toBe('1.0.3');
  });

  it('says passed for a passed attempt', () => {
    expect(statementOf(base, learningRecords['quiz.attempt_graded']({ ...graded, passed: true })).verb.id).toBe(verbs.passed);
  });

  it('says registered for an enrollment, with the enrollment as the registration', () => {
    const statement = statementOf(
      base,
      learningRecords['enrollment.created']({
        eventId: ids.event,
        occurredAt: at,
        enrollmentId: ids.enrollment,
        studentId: ids.student,
        courseId: ids.course,
        version: 1,
        enrolledAt: at,
        source: 'self',
        orderId: null,
      }),
    );
    expect(statement.verb.id).toBe(verbs.registered);
    expect(statement.object.id).toBe(activityIdOf(base, { kind: 'course', id: ids.course }));
    expect(statement.context?.registration).toBe(ids.enrollment);
    expect(statement.result).toBeUndefined();
  });
});

describe('scaled', () => {
  it('stays within [0, 1] and answers 0 for a zero maximum', () => {
    expect(scaled({ raw: 7, max: 8 })).toBe(0.875);
    expect(scaled({ raw: 9, max: 8 })).toBe(1);
    expect(scaled({ raw: 1, max: 3 })).toBe(0.3333);
    expect(scaled({ raw: 0, max: 0 })).toBe(0);
  });
});

describe('voidingStatementOf', () => {
  it('voids by reference, as the platform, with an id of its own that an erasure handled twice repeats', () => {
    const voided = statementIdOf(ids.event);
    const voiding = voidingStatementOf(base, { erasureEventId: ids.lesson, statementId: voided, at: new Date(at) });
    expect(voiding.verb.id).toBe(verbs.voided);
    expect(voiding.object).toEqual({ objectType: 'StatementRef', id: voided });
    expect(voiding.actor.account.name).not.toBe(ids.student);
    expect(voiding.id).not.toBe(voided);
    expect(voidingStatementOf(base, { erasureEventId: ids.lesson, statementId: voided, at: new Date(at) }).id).toBe(voiding.id);
  });
});
