import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka } from '../support/kafka.js';
import { enroll, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

/**
 * The reports through the gateway, built from what a journey publishes: a course published, a
 * student enrolled who completes one lesson; the analytics service reads it off the topics.
 */

usePlatform();

type Person = { id: string; token: string };
let admin: Person;
let instructor: Person;
let student: Person;
let course: PublishedCourse;

beforeAll(async () => {
  admin = await newAdmin();
  instructor = await newInstructor(admin);
  student = await newUser('Learner');
  course = await publishedCourse(instructor.token);
  expect((await enroll(student.token, course.courseId)).status).toBe(201);
  await eventually(
    () => api('GET', `/api/lessons/${course.theory}`, { token: student.token }),
    (answer) => answer.status === 200,
    20_000,
  );
  expect((await api('POST', `/api/lessons/${course.theory}/complete`, { token: student.token })).status).toBe(200);
}, 120_000);
afterAll(() => closeKafka());

describe('the analytics reports through the gateway', () => {
  it("answers the instructor the course's report from the events of the journey", async () => {
    const report = await eventually(
      () => api('GET', `/api/analytics/courses/${course.courseId}`, { token: instructor.token }),
      (answer) => answer.body?.data?.dropOff?.[0]?.learners === 1,
      30_000,
    );
    expect(report.status).toBe(200);
    expect(report.body.data).toMatchObject({ courseId: course.courseId, courseTitle: course.title, enrollments: 1, enrollmentsInRange: 1, completions: 0 });
    expect(report.body.data.dropOff.map((lesson: { lessonId: string; share: number }) => [lesson.lessonId, lesson.share])).toEqual([
      [course.theory, 1],
      [course.video, 0],
      [course.optional, 0],
      [course.quizLesson, 0],
    ]);
    expect(report.body.data.enrollmentsPerDay).toHaveLength(30);
  });

  it('answers CSV for Accept: text/csv', async () => {
    const response = await fetch(`${env.gatewayUrl}/api/analytics/courses/${course.courseId}?tz=Europe/Paris`, {
      headers: { authorization: `Bearer ${instructor.token}`, accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="course-${course.courseId}-\\d{4}-\\d\\d-\\d\\d-\\d{4}-\\d\\d-\\d\\d\\.csv"$`),
    );
    const records = (await response.text()).split('\r\n');
    expect(records[0]).toBe('section,date,subject,label,metric,value,currency');
    expect(records).toContain(`drop_off,,${course.theory},1. Reef knot,share,1,`);
  });

  it('refuses a bad range with the field named, and others than the instructor and admins', async () => {
    const backwards = await api('GET', `/api/analytics/courses/${course.courseId}?from=2026-03-02&to=2026-03-01`, { token: instructor.token });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'to', message: '`to` is before `from`.' }]);
    expect((await api('GET', `/api/analytics/courses/${course.courseId}?tz=Mars/Olympus`, { token: instructor.token })).status).toBe(400);
    expect((await api('GET', `/api/analytics/courses/${course.courseId}`, { token: (await newInstructor(admin, 'Other')).token })).status).toBe(403);
    expect((await api('GET', `/api/analytics/courses/${course.courseId}`, { token: admin.token })).status).toBe(200);
    expect((await api('GET', '/api/analytics/overview', { token: student.token })).status).toBe(403);
  });

  it('shows the student their own timeline, and an admin the overview', async () => {
    const timeline = await eventually(
      () => api('GET', `/api/analytics/users/${student.id}/activity`, { token: student.token }),
      (answer) => answer.body?.data?.some((entry: { type: string }) => entry.type === 'lesson.completed'),
      30_000,
    );
    expect(timeline.body.data.map((entry: { type: string }) => entry.type)).toEqual(['lesson.completed', 'enrollment.created', 'user.registered']);
    expect((await api('GET', `/api/analytics/users/${admin.id}/activity`, { token: student.token })).status).toBe(403);
    const overview = await api('GET', '/api/analytics/overview', { token: admin.token });
    expect(overview.status).toBe(200);
    expect(overview.body.data.totals.enrollments).toBeGreaterThanOrEqual(1);
    expect(overview.body.data.perDay).toHaveLength(30);
  });
});
