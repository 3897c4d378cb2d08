import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { planFor, planners, type NotifyingTopic } from './rules.js';

const ids = {
  eventId: randomUUID(),
  occurredAt: 1,
  enrollmentId: 'e',
  studentId: 's',
  courseId: 'c',
  userId: 'u',
  certificateId: 'cert',
  lessonId: 'l',
  quizId: 'q',
  assignmentId: 'a',
};

describe('what each event notifies', () => {
  it('covers every event of DOMAIN.md §5, and the orders of §8', () => {
    expect(Object.keys(planners).sort()).toEqual(
      [
        'assignment.graded',
        'assignment.submitted',
        'certificate.issued',
        'certificate.revoked',
        'course.archived',
        'enrollment.completed',
        'enrollment.created',
        'lesson.completed',
        'order.failed',
        'order.paid',
        'order.refunded',
        'quiz.attempt_graded',
        'user.registered',
      ].sort(),
    );
  });

  it('tells the buyer of a paid, refunded or failed order, as account notifications; a failure in the inbox only', () => {
    const order = { ...ids, orderId: 'o', amountCents: 4900, currency: 'EUR' };
    expect(planFor('order.paid', order)).toMatchObject({
      template: 'order-receipt',
      category: 'account',
      to: { userId: 's' },
      courseId: 'c',
      link: '/api/orders/o/receipt',
      facts: { amountCents: 4900, currency: 'EUR' },
      channels: { email: true, inApp: true },
    });
    expect(planFor('order.refunded', order)).toMatchObject({
      template: 'order-refunded',
      category: 'account',
      to: { userId: 's' },
      channels: { email: true, inApp: true },
    });
    expect(planFor('order.failed', order)).toMatchObject({
      template: 'order-failed',
      category: 'account',
      to: { userId: 's' },
      channels: { email: false, inApp: true },
    });
  });

  it('puts each in its category, to the right person, on the right channels', () => {
    const plan = (topic: NotifyingTopic, fields: object = {}) => planFor(topic, { ...ids, ...fields });
    expect(plan('user.registered')).toMatchObject({ template: 'welcome', category: 'account', to: { userId: 'u' }, channels: { email: true, inApp: true } });
    expect(plan('enrollment.created')).toMatchObject({ template: 'enrolled', category: 'enrollment', to: { userId: 's' }, courseId: 'c' });
    expect(plan('lesson.completed', { percent: 50 })).toMatchObject({ category: 'progress', channels: { email: false, inApp: true }, facts: { percent: 50 } });
    expect(plan('quiz.attempt_graded', { percent: 80, passed: true, attemptNumber: 2 })).toMatchObject({
      category: 'assessment',
      facts: { gradePercent: 80, passed: true, attemptNumber: 2 },
    });
    expect(plan('enrollment.completed', { scorePercent: null })).toMatchObject({
      template: 'course-completed',
      category: 'progress',
      facts: { scorePercent: null },
    });
    expect(plan('certificate.issued', { number: 'SC-2026-000001' })).toMatchObject({
      category: 'certificate',
      link: '/certificates/cert',
      facts: { number: 'SC-2026-000001' },
    });
    expect(plan('certificate.revoked', { reason: 'copied' })).toMatchObject({ template: 'certificate-revoked', facts: { reason: 'copied' } });
    expect(plan('course.archived')).toMatchObject({ category: 'course', to: { studentsOf: 'c' } });
    expect(plan('assignment.submitted', { version: 2, late: true })).toMatchObject({
      template: 'assignment-submitted',
      category: 'teaching',
      to: { instructorOf: 'c' },
      link: '/assignments/a/submissions',
      facts: { version: 2, late: true },
      channels: { email: true, inApp: true },
    });
    expect(plan('assignment.graded', { score: 7, maxScore: 10, percent: 70, passed: true, latePenaltyPercent: 10 })).toMatchObject({
      template: 'assignment-graded',
      category: 'assessment',
      to: { userId: 's' },
      link: '/lessons/l',
      facts: { score: 7, maxScore: 10, percent: 70, passed: true, latePenaltyPercent: 10 },
    });
  });

  it('keys every plan by its event, so a redelivery finds what the first delivery recorded', () => {
    for (const topic of Object.keys(planners) as NotifyingTopic[]) expect(planFor(topic, ids).eventId).toBe(ids.eventId);
  });
});
