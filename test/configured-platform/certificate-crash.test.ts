import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { certificateIdOf } from '@smartcourse/contracts';
import { createDb } from '@smartcourse/platform';
import { publishEnrollmentEvent } from '../support/enrollments.js';
import { env } from '../support/env.js';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { closeKafka, readTopic } from '../support/kafka.js';
import { completeCourse, publishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';

const certificateDb = createDb({ url: env.certificateDatabaseUrl, poolMax: 1 });
// The certificate service's relay is held, so it dies with its certificate committed and not yet published.
const platform = usePlatform({ env: { certificate: { OUTBOX_RELAY_ENABLED: 'false' } } });
afterAll(async () => {
  await closeKafka();
  await certificateDb.destroy();
});

const issued = async (certificateId: string) => (await readTopic('certificate.issued')).filter((record) => record.key === certificateId);

describe('the certificate service across a crash and redeliveries', () => {
  it('issues one certificate, published once, after a kill -9 between commit and publish and a redelivered completion', async () => {
    const instructor = await newInstructor(await newAdmin(), 'CrashCertifier');
    const course = await publishedCourse(instructor.token);
    const student = await newUser('CrashGraduate');
    const enrollmentId = await completeCourse(course, student.token);
    const certificateId = certificateIdOf(enrollmentId);

    // enrollment.completed was handled: the certificate is committed, its event held in the outbox.
    const rows = await eventually(
      () => certificateDb('certificates').where({ enrollment_id: enrollmentId }),
      (found) => found.length === 1,
      30_000,
    );
    await platform.process('certificate').kill();
    expect(await issued(certificateId)).toHaveLength(0);

    // While it is down the completion is delivered again, as a replay or a duplicate publish would.
    const completion = (await readTopic('enrollment.completed')).filter((record) => record.key === enrollmentId);
    expect(completion).toHaveLength(1);
    await publishEnrollmentEvent('enrollment.completed', {
      enrollmentId,
      studentId: student.id,
      courseId: course.courseId,
      version: 99,
      completedAt: Date.now(),
      scorePercent: 100,
      eventId: randomUUID(),
    });

    await platform.restart('certificate', {});
    const published = await eventually(
      () => issued(certificateId),
      (found) => found.length > 0,
      30_000,
    );
    expect(published).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a second publish would show by now
    expect(await issued(certificateId)).toHaveLength(1);
    const after = await certificateDb('certificates').where({ enrollment_id: enrollmentId });
    expect(after).toHaveLength(1);
    expect(after[0].number).toBe(rows[0].number);
    const mine = await api('GET', '/api/certificates/mine', { token: student.token });
    expect(mine.body.data.map((entry: { number: string }) => entry.number)).toEqual([rows[0].number]);
  });
});
