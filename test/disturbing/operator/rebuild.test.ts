import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import knex, { type Knex } from 'knex';
import { processSpec } from '@smartcourse/contracts';
import { enroll } from '../../support/enrollments.js';
import { env } from '../../support/env.js';
import { eventually } from '../../support/eventually.js';
import { newUser } from '../../support/http.js';
import { caughtUp, closeKafka } from '../../support/kafka.js';
import { completeCourse, publishedCourse, type PublishedCourse } from '../../support/learning.js';
import { mailTo } from '../../support/mail.js';
import { newAdmin, newInstructor } from '../../support/people.js';
import { usePlatform } from '../../support/platform.js';
import { sc, scJson } from '../../support/sc.js';

interface Report {
  replica: string;
  outcome: 'swapped' | 'differs' | 'moved';
  agree: boolean;
  replayed: Record<string, { handled: number; refused: number }>;
  tables: {
    table: string;
    liveRows: number;
    rebuiltRows: number;
    equal: boolean;
    differing: number;
    differingKeys: { key: Record<string, string>; live: boolean; rebuilt: boolean }[];
  }[];
  changedRows: { deleted: number; inserted: number };
}

usePlatform();

let certificateDb: Knex;
let enrollmentDb: Knex;
let courseDb: Knex;
let student: { id: string; email: string; token: string };
let instructor: { id: string; email: string };
let course: PublishedCourse;

beforeAll(async () => {
  certificateDb = knex({ client: 'pg', connection: env.certificateDatabaseUrl, pool: { min: 0, max: 2 } });
  enrollmentDb = knex({ client: 'pg', connection: env.enrollmentDatabaseUrl, pool: { min: 0, max: 2 } });
  courseDb = knex({ client: 'pg', connection: env.courseDatabaseUrl, pool: { min: 0, max: 2 } });
  const admin = await newAdmin();
  const teacher = await newInstructor(admin, 'RebuildTeacher');
  instructor = teacher;
  course = await publishedCourse(teacher.token);
  student = await newUser('RebuildStudent', { fullName: 'Rebuild Student' });
  await completeCourse(course, student.token);
  const settled = async () =>
    (await caughtUp('certificate', processSpec('certificate').consumes)) &&
    (await caughtUp('enrollment-progress', processSpec('enrollment-progress').consumes));
  expect(await eventually(settled, Boolean, 60_000)).toBe(true);
}, 180_000);
afterAll(async () => {
  await certificateDb?.destroy();
  await enrollmentDb?.destroy();
  await courseDb?.destroy();
  await closeKafka();
});

const outboxRows = async (db: Knex) => Number(((await db('outbox').count('* as count')) as { count: string }[])[0]!.count);
const rebuild = (args: string[]) => sc(['rebuild', ...args, '--show', '100000', '--json']);
const reportOf = (run: { stdout: string }) => JSON.parse(run.stdout) as Report;

describe('sc rebuild', () => {
  it("lists a service's replicas", async () => {
    const listed = await scJson<{ replica: string; tables: string }[]>(['rebuild', 'certificate']);
    expect(listed.map((row) => row.replica).sort()).toEqual(['courses', 'display-names']);
    expect(listed.find((row) => row.replica === 'display-names')!.tables).toBe('display_names, erased_users');
  });

  it('shows the keys a damaged replica differs on, repairs it with --replace, then finds it equal to a fresh rebuild', async () => {
    const names = () => certificateDb('display_names').whereIn('user_id', [student.id, instructor.id]).orderBy('user_id');
    const intact = await names();
    expect(intact).toHaveLength(2);
    const outboxBefore = await outboxRows(certificateDb);
    const mailBefore = (await mailTo(student.email)).length;

    await certificateDb('display_names').where({ user_id: student.id }).update({ full_name: 'Tampered' });
    await certificateDb('display_names').where({ user_id: instructor.id }).delete();

    const found = await rebuild(['certificate', 'display-names']);
    expect(found.code).toBe(1);
    const differs = reportOf(found);
    expect(differs.outcome).toBe('differs');
    expect(differs.replayed['user.registered']!.handled).toBeGreaterThan(0);
    const keys = differs.tables.find((table) => table.table === 'display_names')!.differingKeys;
    expect(keys).toContainEqual({ key: { user_id: student.id }, live: true, rebuilt: true });
    expect(keys).toContainEqual({ key: { user_id: instructor.id }, live: false, rebuilt: true });
    // Not swapped: the damage is still there.
    expect((await names()).map((row) => row.full_name)).toEqual(expect.arrayContaining(['Tampered']));

    const replaced = await rebuild(['certificate', 'display-names', '--replace']);
    expect(replaced.code).toBe(0);
    expect(reportOf(replaced)).toMatchObject({ outcome: 'swapped', agree: false });
    expect(reportOf(replaced).changedRows.inserted).toBeGreaterThanOrEqual(2);
    expect(await names()).toEqual(intact);

    const again = await rebuild(['certificate', 'display-names']);
    // On a failure, the tables and keys that differ say what changed between the two rebuilds.
    const againReport = again.stdout.trim().startsWith('{') ? reportOf(again) : undefined;
    expect({ code: again.code, differing: againReport?.tables.filter((table) => !table.equal) }).toMatchObject({ code: 0, differing: [] });
    expect(reportOf(again)).toMatchObject({ outcome: 'swapped', agree: true, changedRows: { deleted: 0, inserted: 0 } });
    expect(reportOf(again).tables.every((table) => table.equal && table.liveRows === table.rebuiltRows)).toBe(true);

    // No side effect: nothing for the outbox, no mail.
    expect(await outboxRows(certificateDb)).toBe(outboxBefore);
    expect((await mailTo(student.email)).length).toBe(mailBefore);
  }, 120_000);

  it("rebuilds enrollment-progress's course structures equal to live without recomputing an enrollment", async () => {
    const enrollments = () => enrollmentDb('enrollments').where({ course_id: course.courseId }).orderBy('id');
    const before = await enrollments();
    const outboxBefore = await outboxRows(enrollmentDb);
    // Component tests write courses straight into this database, rows no topic carries: the first pass repairs those.
    const first = await rebuild(['enrollment-progress', 'course-structures', '--replace']);
    expect(first.code).toBe(0);
    const second = await rebuild(['enrollment-progress', 'course-structures']);
    expect(second.code).toBe(0);
    const report = reportOf(second);
    expect(report).toMatchObject({ outcome: 'swapped', agree: true, changedRows: { deleted: 0, inserted: 0 } });
    expect(report.tables.map((table) => table.table)).toEqual(['courses', 'structures', 'structure_lessons']);
    const lessons = await enrollmentDb('structure_lessons').where({ course_id: course.courseId });
    expect(lessons).toHaveLength(4);
    expect(await enrollments()).toEqual(before);
    expect(await outboxRows(enrollmentDb)).toBe(outboxBefore);
  }, 120_000);

  it("rebuilds the course service's enrollments past a record the store refuses, as the live consumer dead-lettered it", async () => {
    const enrollmentId = randomUUID();
    const studentId = randomUUID();
    const courseId = randomUUID();
    // Avro takes any string; the replica's uuid column does not (SQLSTATE 22P02).
    await enroll('not-a-uuid', courseId, enrollmentId);
    await enroll(studentId, courseId, enrollmentId);
    expect(
      await eventually(
        () => courseDb('enrollments').where({ id: enrollmentId }).first(),
        (row) => row !== undefined,
        30_000,
      ),
    ).toMatchObject({ student_id: studentId });
    expect(await eventually(() => caughtUp('course', processSpec('course').consumes), Boolean, 60_000)).toBe(true);

    // Component tests write enrollments straight into this database, rows no topic carries: the first pass repairs those.
    const first = await rebuild(['course', 'enrollments', '--replace']);
    expect({ code: first.code, stderr: first.code === 0 ? '' : first.stderr }).toEqual({ code: 0, stderr: '' });
    const report = reportOf(first);
    expect(report.replayed['enrollment.created']!.refused).toBeGreaterThanOrEqual(1);
    expect(report.outcome).toBe('swapped');
    expect(await courseDb('enrollments').where({ id: enrollmentId }).first()).toMatchObject({ student_id: studentId, status: 'active', version: 1 });
  }, 120_000);

  it('names an unknown service or replica', async () => {
    const service = await sc(['rebuild', 'billing', 'ledger']);
    expect(service.code).toBe(1);
    expect(service.stderr).toContain('no service "billing" has rebuildable replicas; one of: course, enrollment-progress, certificate');
    const replica = await sc(['rebuild', 'course', 'ledger']);
    expect(replica.code).toBe(1);
    expect(replica.stderr).toContain('course has no replica "ledger"; one of: enrollments, display-names');
  });
});
