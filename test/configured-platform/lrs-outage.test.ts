import { afterAll, describe, expect, it } from '@jest/globals';
import type { XapiStatement } from '@smartcourse/contracts';
import { eventually } from '../support/eventually.js';
import { newUser } from '../support/http.js';
import { caughtUp, closeKafka, decode, readTopic } from '../support/kafka.js';
import { enroll, publishedCourse } from '../support/learning.js';
import { storedStatement, storedStatements } from '../support/lrs.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { scJson } from '../support/sc.js';

/** An LRS nobody answers at: the analytics service starts sending to it. */
const platform = usePlatform({ env: { analytics: { XAPI_LRS_URL: 'http://127.0.0.1:9/xAPI' } } });
afterAll(async () => {
  await closeKafka();
});

describe('an LRS outage', () => {
  it('makes statements wait, none dead-lettered, and sends them all once the LRS answers', async () => {
    const instructor = await newInstructor(await newAdmin(), 'Outage');
    const course = await publishedCourse(instructor.token);
    const lettersBefore = (await scJson<{ topics: Array<{ topic: string; records: number }> }>(['dlq', 'list'])).topics.find(
      (t) => t.topic === 'analytics.dlq',
    )!.records;
    const students = [await newUser('WaitingA'), await newUser('WaitingB')];
    for (const student of students) expect((await enroll(student.token, course.courseId)).status).toBe(201);
    const waiting = await eventually(
      async () => {
        const keys = new Set(students.map((student) => student.id));
        return Promise.all((await readTopic('xapi.statements')).filter((record) => keys.has(record.key ?? '')).map((record) => decode<XapiStatement>(record)));
      },
      (found) => found.length === students.length,
      30_000,
    );
    // The sender keeps trying: its group does not move past them, and nothing reaches the LRS or the dead letters.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await caughtUp('analytics-lrs', ['xapi.statements'])).toBe(false);
    for (const record of waiting) expect(await storedStatement(record.eventId)).toBeUndefined();

    await platform.restart('analytics', {});
    await storedStatements(
      waiting.map((record) => record.eventId),
      60_000,
    );
    const lettersAfter = (await scJson<{ topics: Array<{ topic: string; records: number }> }>(['dlq', 'list'])).topics.find(
      (t) => t.topic === 'analytics.dlq',
    )!.records;
    expect(lettersAfter).toBe(lettersBefore);
  }, 180_000);
});
