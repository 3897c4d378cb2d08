import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, enrollmentIdOf, type TopicRecords } from '@smartcourse/contracts';
import { loadConfig, replicaSubscriptions, type Handler, type IncomingMessage, type Knex, type StartedService } from '@smartcourse/platform';
import { configSchema } from '../src/config.js';
import { replicas } from '../src/replicas.js';
import { analyticsService } from '../src/service.js';
import { closeKafka } from '../../../test/support/kafka.js';
import { log, startInProcess } from '../../../test/support/in-process.js';
import { incoming } from '../../../test/support/messages.js';
import { scratchDatabase } from '../../../test/support/postgres.js';

let service: StartedService;
let db: Knex;
let handlers: Map<string, Handler>;
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let config: ReturnType<typeof loadConfig<typeof configSchema>>;

// The service's API on a real port, on a database of its own (rows no topic carries would make the
// live tables differ from a rebuild); the report tables filled through the replicas' own listeners.
beforeAll(async () => {
  scratch = await scratchDatabase('analytics_reports');
  config = loadConfig(configSchema, { ...process.env, ANALYTICS_DATABASE_URL: scratch.url });
  ({ service } = await startInProcess(analyticsService({ ...config, ANALYTICS_HTTP_PORT: 0, LOG_LEVEL: 'silent', OUTBOX_RELAY_ENABLED: false })));
  db = service.kit.db as Knex;
  handlers = new Map(replicaSubscriptions(db, replicas).map((subscription) => [subscription.topic, subscription.handle]));
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await scratch?.drop();
  await closeKafka();
});

type Topic = keyof TopicRecords;
const recordNames: Partial<Record<Topic, string>> = {
  'user.registered': 'user.UserRegistered',
  'user.erased': 'user.UserErased',
  'course.published': 'course.CoursePublished',
  'course.structure_changed': 'course.CourseStructureChanged',
  'enrollment.created': 'enrollment.EnrollmentCreated',
  'enrollment.completed': 'enrollment.EnrollmentCompleted',
  'lesson.completed': 'enrollment.LessonCompleted',
  'quiz.attempt_graded': 'course.QuizAttemptGraded',
  'assignment.graded': 'assignment.AssignmentGraded',
  'order.paid': 'payment.OrderPaid',
  'order.refunded': 'payment.OrderRefunded',
  'certificate.issued': 'certificate.CertificateIssued',
};

/** An event as its topic carries it, once built: deliver it once or more. */
function message<T extends Topic>(topic: T, value: Omit<TopicRecords[T], 'eventId'> & { occurredAt: number }): IncomingMessage {
  const eventId = randomUUID();
  return incoming(topic, `smartcourse.events.${recordNames[topic]}`, { eventId, ...value }, { key: eventId, id: eventId });
}
const deliver = async (...messages: IncomingMessage[]) => {
  for (const each of messages) await handlers.get(each.topic)!(each, log);
};
const publish = <T extends Topic>(topic: T, value: Omit<TopicRecords[T], 'eventId'> & { occurredAt: number }) => deliver(message(topic, value));

type Actor = { userId: string; role: string };
const person = (role = 'student'): Actor => ({ userId: randomUUID(), role });
const admin = person('admin');

async function call(path: string, actor: Actor, accept = 'application/json'): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const response = await fetch(`${service.url}${path}`, {
    headers: { 'x-internal-token': config.INTERNAL_API_TOKEN, 'x-actor-id': actor.userId, 'x-actor-role': actor.role, accept },
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: json && text ? JSON.parse(text) : undefined, text, headers: response.headers };
}

/**
 * A day of its own for this run (between 1975 and 2020): the overview counts every course, and
 * no other data falls on these days.
 */
const D = new Date(Date.UTC(1975, 0, 1) + Math.floor(Math.random() * 16_000) * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, time: string) => Date.parse(`${day}T${time}Z`);
const daysAgo = (days: number) => Date.now() - days * 86_400_000;

const instructor = person('instructor');
const courseId = randomUUID();
const lessons = [
  { lessonId: randomUUID(), title: 'Intro' },
  { lessonId: randomUUID(), title: 'Brushes, "wet" and dry' },
  { lessonId: randomUUID(), title: 'Glazing' },
];
const quizId = randomUUID();
const assignmentId = randomUUID();
const [s1, s2, s3, s4, s5, s6, s7] = [person(), person(), person(), person(), person(), person(), person()] as const;

/**
 * The known data set:
 * - enrollments: s1 D 10:00, s2 D 23:30 (D+1 in Tokyo), s3 D+1 12:00, s4 D+2 09:00 (UTC), s5 D−5;
 *   s6 has only a quiz grade (a row with no enrollment time: not an enrollment);
 * - completed: s1 a day after enrolling, s3 three hours after; a certificate for s1;
 * - lessons: s1 and s3 all three, s2 the first two (the second 10 days ago), s4 the first (2 days
 *   ago); s1's first lesson delivered twice; progress 100, 67, 100, 33, 0;
 * - grades: quiz s1 80, s2 60 then 70, s6 90; assignment s1 75, s3 50;
 * - orders: s1 and s2 4900 EUR on D, s3 2000 USD on D+1, s5 4900 EUR on D−5; s2 refunded on D+2;
 * - accounts: s1–s5, s7 students and the instructor; s7 erased.
 */
async function seed() {
  const enrolled = {
    s1: at(D, '10:00:00'),
    s2: at(D, '23:30:00'),
    s3: at(addDays(D, 1), '12:00:00'),
    s4: at(addDays(D, 2), '09:00:00'),
    s5: at(addDays(D, -5), '10:00:00'),
  };
  await publish('user.registered', {
    occurredAt: at(addDays(D, -10), '08:00:00'),
    userId: instructor.userId,
    email: 'i@x.test',
    fullName: 'I',
    role: 'instructor',
    emailVerified: true,
  });
  const registered: [Actor, number][] = [
    [s1, at(D, '09:00:00')],
    [s2, at(D, '22:30:00')],
    [s3, at(addDays(D, 1), '11:00:00')],
    [s4, at(addDays(D, 2), '08:00:00')],
    [s5, at(addDays(D, -5), '09:00:00')],
    [s7, at(addDays(D, 2), '10:00:00')],
  ];
  for (const [student, when] of registered) {
    await publish('user.registered', { occurredAt: when, userId: student.userId, email: 's@x.test', fullName: 'S', role: 'student', emailVerified: true });
  }
  await publish('user.erased', { occurredAt: at(addDays(D, 2), '11:00:00'), userId: s7.userId, by: admin.userId });

  await publish('course.published', {
    occurredAt: at(addDays(D, -10), '09:00:00'),
    courseId,
    instructorId: instructor.userId,
    slug: `c-${courseId}`,
    title: 'Watercolour, from scratch',
    summary: 's',
    category: null,
    tags: [],
    level: 'beginner',
    language: 'en',
    priceCents: 4900,
    currency: 'EUR',
    structureVersion: 1,
  });
  await publish('course.structure_changed', {
    occurredAt: at(addDays(D, -10), '09:00:00'),
    courseId,
    structureVersion: 1,
    modules: [
      {
        moduleId: randomUUID(),
        title: 'M',
        lessons: lessons.map((lesson) => ({ ...lesson, kind: 'theory', durationMinutes: 5, isPreview: false, required: true, quizId: null })),
      },
    ],
  });

  const enrollment = (student: Actor) => ({ enrollmentId: enrollmentIdOf(student.userId, courseId), studentId: student.userId, courseId });
  for (const [student, when] of [
    [s1, enrolled.s1],
    [s2, enrolled.s2],
    [s3, enrolled.s3],
    [s4, enrolled.s4],
    [s5, enrolled.s5],
  ] as const) {
    await publish('enrollment.created', { occurredAt: when, ...enrollment(student), version: 1, enrolledAt: when, source: 'free', orderId: null });
  }
  const lesson = (student: Actor, index: number, when: number, percent: number) =>
    message('lesson.completed', { occurredAt: when, ...enrollment(student), version: 2, lessonId: lessons[index]!.lessonId, completedAt: when, percent });
  const first = lesson(s1, 0, at(D, '12:00:00'), 33);
  await deliver(first, first); // a redelivery: counted once
  await deliver(
    lesson(s1, 1, at(D, '14:00:00'), 67),
    lesson(s1, 2, at(addDays(D, 1), '09:00:00'), 100),
    lesson(s2, 0, at(addDays(D, 1), '08:00:00'), 33),
    lesson(s2, 1, daysAgo(10), 67),
    lesson(s3, 0, at(addDays(D, 1), '13:00:00'), 33),
    lesson(s3, 1, at(addDays(D, 1), '14:00:00'), 67),
    lesson(s3, 2, at(addDays(D, 1), '14:30:00'), 100),
    lesson(s4, 0, daysAgo(2), 33),
  );
  const quiz = (student: Actor, percent: number, when: number) =>
    publish('quiz.attempt_graded', {
      occurredAt: when,
      attemptId: randomUUID(),
      quizId,
      lessonId: lessons[1]!.lessonId,
      courseId,
      studentId: student.userId,
      attemptNumber: 1,
      score: percent,
      maxScore: 100,
      percent,
      passed: percent >= 50,
      quizGradePercent: percent,
      quizPassed: percent >= 50,
    });
  await quiz(s1, 80, at(addDays(D, 1), '09:30:00'));
  await quiz(s2, 60, at(addDays(D, 1), '08:10:00'));
  await quiz(s2, 70, at(addDays(D, 1), '08:20:00'));
  await quiz(s6, 90, at(addDays(D, 1), '08:30:00'));
  const assignment = (student: Actor, percent: number, when: number) =>
    publish('assignment.graded', {
      occurredAt: when,
      submissionId: randomUUID(),
      assignmentId,
      lessonId: lessons[2]!.lessonId,
      courseId,
      studentId: student.userId,
      score: percent / 5,
      maxScore: 20,
      percent,
      passed: percent >= 50,
      latePenaltyPercent: 0,
      revision: 1,
    });
  await assignment(s1, 75, at(addDays(D, 1), '09:45:00'));
  await assignment(s3, 50, at(addDays(D, 1), '14:40:00'));
  const completed = (student: Actor, when: number) =>
    publish('enrollment.completed', { occurredAt: when, ...enrollment(student), version: 3, completedAt: when, scorePercent: null });
  await completed(s1, at(addDays(D, 1), '10:00:00'));
  await completed(s3, at(addDays(D, 1), '15:00:00'));
  await publish('certificate.issued', {
    occurredAt: at(addDays(D, 1), '10:05:00'),
    certificateId: randomUUID(),
    ...enrollment(s1),
    number: 'SC-1',
    issuedAt: at(addDays(D, 1), '10:05:00'),
  });

  const orders = new Map<Actor, string>();
  const paid = (student: Actor, amountCents: number, currency: string, when: number) => {
    const orderId = randomUUID();
    orders.set(student, orderId);
    return publish('order.paid', {
      occurredAt: when,
      orderId,
      studentId: student.userId,
      courseId,
      instructorId: instructor.userId,
      amountCents,
      currency,
      provider: 'fake',
      paidAt: when,
    });
  };
  await paid(s1, 4900, 'EUR', at(D, '09:30:00'));
  await paid(s2, 4900, 'EUR', at(D, '23:20:00'));
  await paid(s3, 2000, 'USD', at(addDays(D, 1), '11:50:00'));
  await paid(s5, 4900, 'EUR', at(addDays(D, -5), '09:50:00'));
  await publish('order.refunded', {
    occurredAt: at(addDays(D, 2), '12:00:00'),
    orderId: orders.get(s2)!,
    studentId: s2.userId,
    courseId,
    instructorId: instructor.userId,
    refundId: randomUUID(),
    amountCents: 4900,
    currency: 'EUR',
    initiatedBy: admin.userId,
    refundedAt: at(addDays(D, 2), '12:00:00'),
  });
}

const range = `from=${D}&to=${addDays(D, 2)}`;
const courseFigures = {
  enrollments: 5,
  enrollmentsInRange: 4,
  activeLearners: { last7Days: 1, last30Days: 2 },
  completions: 2,
  completionRate: 0.4,
  meanProgressPercent: 60,
  meanQuizGradePercent: 80,
  meanAssignmentGradePercent: 62.5,
  medianSecondsToComplete: 48_600,
  revenue: [
    { currency: 'EUR', amountCents: 9800, amount: '€98.00' },
    { currency: 'USD', amountCents: 2000, amount: '$20.00' },
  ],
  refunds: [{ currency: 'EUR', amountCents: 4900, amount: '€49.00' }],
};

let before: { overview: any };

describe('the analytics reports', () => {
  beforeAll(async () => {
    before = { overview: (await call(`/internal/reports/overview?${range}`, admin)).body.data };
    await seed();
  }, 60_000);

  it("answers a course's report with the exact numbers of its data set, per day in UTC", async () => {
    const { status, body } = await call(`/internal/reports/courses/${courseId}?${range}`, instructor);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      courseId,
      courseTitle: 'Watercolour, from scratch',
      range: { from: D, to: addDays(D, 2), tz: 'UTC' },
      ...courseFigures,
      enrollmentsPerDay: [
        { date: D, enrollments: 2 },
        { date: addDays(D, 1), enrollments: 1 },
        { date: addDays(D, 2), enrollments: 1 },
      ],
      dropOff: [
        { position: 1, lessonId: lessons[0]!.lessonId, title: 'Intro', learners: 4, share: 0.8 },
        { position: 2, lessonId: lessons[1]!.lessonId, title: 'Brushes, "wet" and dry', learners: 3, share: 0.6 },
        { position: 3, lessonId: lessons[2]!.lessonId, title: 'Glazing', learners: 2, share: 0.4 },
      ],
    });
  });

  it("counts an enrollment on the caller's day: 23:30 UTC is the next day in Tokyo", async () => {
    const { body } = await call(`/internal/reports/courses/${courseId}?${range}&tz=Asia/Tokyo`, admin);
    expect(body.data.range).toEqual({ from: D, to: addDays(D, 2), tz: 'Asia/Tokyo' });
    expect(body.data.enrollmentsPerDay).toEqual([
      { date: D, enrollments: 1 },
      { date: addDays(D, 1), enrollments: 2 },
      { date: addDays(D, 2), enrollments: 1 },
    ]);
    expect(body.data.enrollmentsInRange).toBe(4);
  });

  it('includes the days with nothing, and leaves money outside the range out', async () => {
    const { body } = await call(`/internal/reports/courses/${courseId}?from=${addDays(D, 3)}&to=${addDays(D, 5)}`, instructor);
    expect(body.data.enrollmentsPerDay.map((day: { enrollments: number }) => day.enrollments)).toEqual([0, 0, 0]);
    expect(body.data).toMatchObject({ enrollmentsInRange: 0, enrollments: 5, revenue: [], refunds: [] });
  });

  it('answers the course report as one flat CSV table', async () => {
    const { status, text, headers } = await call(`/internal/reports/courses/${courseId}?${range}&format=csv`, instructor);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="course-${courseId}-${D}-${addDays(D, 2)}.csv"`);
    const records = text.split('\r\n');
    expect(records[0]).toBe('section,date,subject,label,metric,value,currency');
    expect(records).toContain(`summary,,${courseId},"Watercolour, from scratch",completion_rate,0.4,`);
    expect(records).toContain(`summary,,${courseId},"Watercolour, from scratch",revenue_cents,9800,EUR`);
    expect(records).toContain(`summary,,${courseId},"Watercolour, from scratch",revenue,€98.00,EUR`);
    expect(records).toContain(`enrollments_per_day,${D},,,enrollments,2,`);
    expect(records).toContain(`drop_off,,${lessons[1]!.lessonId},"2. Brushes, ""wet"" and dry",share,0.6,`);
    expect(records.pop()).toBe('');
    expect(records).toHaveLength(1 + 16 + 3 + 6);
  });

  it('lets only the course instructor and admins see the course report', async () => {
    expect((await call(`/internal/reports/courses/${courseId}`, person('instructor'))).body.error.code).toBe('FORBIDDEN');
    expect((await call(`/internal/reports/courses/${courseId}`, s1)).status).toBe(403);
    const unknown = await call(`/internal/reports/courses/${randomUUID()}`, admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('COURSE_NOT_FOUND');
  });

  it('refuses a range that ends before it starts, or spans more than 366 days, naming the field', async () => {
    const backwards = await call(`/internal/reports/courses/${courseId}?from=${addDays(D, 1)}&to=${D}`, admin);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'to', message: '`to` is before `from`.' }] });
    const long = await call(`/internal/reports/overview?from=${D}&to=${addDays(D, 366)}`, admin);
    expect(long.body.error.details).toEqual([{ path: 'to', message: 'A report covers at most 366 days.' }]);
    const zone = await call(`/internal/reports/overview?tz=%2B05:30`, admin);
    expect(zone.body.error.details[0].path).toBe('tz');
  });

  it("gives an instructor each course's summary, the course report's figures", async () => {
    const { status, body } = await call(`/internal/reports/instructors/me?${range}`, instructor);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      instructorId: instructor.userId,
      range: { from: D, to: addDays(D, 2), tz: 'UTC' },
      courses: [{ courseId, courseTitle: 'Watercolour, from scratch', status: 'published', ...courseFigures }],
    });
    expect((await call(`/internal/reports/instructors/me`, admin)).status).toBe(403);
  });

  it('gives admins the overview: per day in the range, and accounts and active people now', async () => {
    const { status, body } = await call(`/internal/reports/overview?${range}`, admin);
    expect(status).toBe(200);
    const day = (date: string, counts: object, revenue: object[] = []) => ({ date, ...counts, revenue });
    expect(body.data.perDay).toEqual([
      day(D, { signUps: 2, enrollments: 2, completions: 0, certificates: 0 }, [{ currency: 'EUR', amountCents: 9800, amount: '€98.00' }]),
      day(addDays(D, 1), { signUps: 1, enrollments: 1, completions: 2, certificates: 1 }, [{ currency: 'USD', amountCents: 2000, amount: '$20.00' }]),
      day(addDays(D, 2), { signUps: 2, enrollments: 1, completions: 0, certificates: 0 }),
    ]);
    expect(body.data.totals).toEqual({
      signUps: 5,
      enrollments: 4,
      completions: 2,
      certificates: 1,
      revenue: courseFigures.revenue,
      refunds: courseFigures.refunds,
    });
    // Accounts and activity are counted across the whole store: what this data set added to them.
    const added = (role: string) =>
      body.data.usersByRole.find((line: { role: string }) => line.role === role).users -
      before.overview.usersByRole.find((line: { role: string }) => line.role === role).users;
    expect({ student: added('student'), instructor: added('instructor'), admin: added('admin') }).toEqual({ student: 5, instructor: 1, admin: 0 });
    expect(body.data.activeUsers.last7Days - before.overview.activeUsers.last7Days).toBe(1);
    expect(body.data.activeUsers.last30Days - before.overview.activeUsers.last30Days).toBe(2);
    expect((await call(`/internal/reports/overview`, instructor)).status).toBe(403);
  });

  it('answers the overview as CSV', async () => {
    const { text } = await call(`/internal/reports/overview?${range}&format=csv`, admin);
    const records = text.split('\r\n');
    expect(records).toContain(`per_day,${addDays(D, 1)},,,completions,2,`);
    expect(records).toContain(`per_day,${addDays(D, 1)},,,revenue,$20.00,USD`);
    expect(records).toContain('totals,,,,refunds_cents,4900,EUR');
  });

  it("pages a person's timeline newest first, for them and admins only, and drops an erased person's", async () => {
    const page = await call(`/internal/reports/users/${s1.userId}/activity?per_page=4`, s1);
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ page: 1, per_page: 4, total: 10, pages: 3 });
    expect(page.body.data.map((entry: { type: string }) => entry.type)).toEqual([
      'certificate.issued',
      'enrollment.completed',
      'assignment.graded',
      'quiz.attempt_graded',
    ]);
    expect(page.body.data[2]).toMatchObject({ courseId, subjectId: assignmentId, occurredAt: new Date(at(addDays(D, 1), '09:45:00')).toISOString() });
    const last = await call(`/internal/reports/users/${s1.userId}/activity?per_page=4&page=3`, admin);
    expect(last.body.data.map((entry: { type: string }) => entry.type)).toEqual(['order.paid', 'user.registered']);
    expect((await call(`/internal/reports/users/${s1.userId}/activity`, s2)).status).toBe(403);
    expect((await call(`/internal/reports/users/${s7.userId}/activity`, admin)).body.meta.total).toBe(0);
  });

  it('answers the whole timeline as CSV, details as JSON', async () => {
    const { status, text, headers } = await call(`/internal/reports/users/${s1.userId}/activity?format=csv`, admin);
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe(`attachment; filename="activity-${s1.userId}.csv"`);
    const records = text.split('\r\n');
    expect(records[0]).toBe('occurred_at,type,course_id,subject_id,event_id,details');
    expect(records).toHaveLength(1 + 10 + 1);
    expect(records[10]).toMatch(new RegExp(`^${new Date(at(D, '09:00:00')).toISOString()},user.registered,,,[0-9a-f-]{36},"{""role"":""student""}"$`));
  });
});
