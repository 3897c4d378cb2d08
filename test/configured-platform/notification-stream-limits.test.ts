import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import { api, newUser } from '../support/http.js';
import { completeCourse, publishedCourse, type PublishedCourse } from '../support/learning.js';
import { newAdmin, newInstructor } from '../support/people.js';
import { usePlatform } from '../support/platform.js';
import { openStream, type SseStream } from '../support/sse.js';

/** The bounds of the notification stream: streams per person, and notifications replayed per connection. */
const MAX_STREAMS = 2;
const CATCH_UP_LIMIT = 2;

let course: PublishedCourse;
const streams: SseStream[] = [];

usePlatform({ env: { gateway: { SSE_MAX_STREAMS_PER_USER: String(MAX_STREAMS), SSE_CATCH_UP_LIMIT: String(CATCH_UP_LIMIT) } } });
beforeAll(async () => {
  const instructor = await newInstructor(await newAdmin(), 'Bounded');
  course = await publishedCourse(instructor.token);
}, 180_000);
afterAll(() => streams.forEach((stream) => stream.close()));

async function open(options: Parameters<typeof openStream>[0]): Promise<SseStream> {
  const stream = await openStream(options);
  streams.push(stream);
  return stream;
}

const seqsOf = (stream: SseStream) => stream.events('notification').map((event) => (event.data.notification as { seq: number }).seq);

describe('the notification stream limits', () => {
  it('refuses one stream more than a person may hold with 429 TOO_MANY_STREAMS, and takes it once one is closed', async () => {
    const student = await newUser('Streams');
    const held = [await open({ token: student.token }), await open({ token: student.token })];
    expect(held.map((stream) => stream.status)).toEqual([200, 200]);

    const extra = await open({ token: student.token });
    expect(extra.status).toBe(429);
    await extra.ended;
    expect(extra.events('error-body')[0]?.data.error).toMatchObject({ code: 'TOO_MANY_STREAMS', details: { max: MAX_STREAMS } });

    // Another person is not held back by this one's streams.
    const other = await newUser('OtherStreams');
    expect((await open({ token: other.token })).status).toBe(200);

    held[0]!.close();
    const again = await eventually(
      async () => {
        const attempt = await open({ token: student.token });
        if (attempt.status !== 200) attempt.close();
        return attempt;
      },
      (attempt) => attempt.status === 200,
    );
    expect(again.status).toBe(200);
  });

  it('replays a whole inbox from Last-Event-ID 0 a bounded page per connection, each notification once, none lost', async () => {
    const student = await newUser('CatchUp');
    await completeCourse(course, student.token);
    // The journey leaves more notifications than two connections carry (enrolled, lessons, completion, certificate).
    const inbox = await eventually(
      async () => {
        const answer = await api('GET', '/api/notifications?per_page=100', { token: student.token });
        expect(answer.status).toBe(200);
        return (answer.body.data as { seq: number }[]).map((notification) => notification.seq).sort((a, b) => a - b);
      },
      (seqs) => seqs.length > CATCH_UP_LIMIT * 2,
      30_000,
    );
    expect(inbox.length).toBeGreaterThan(CATCH_UP_LIMIT * 2);

    // Each connection carries at most the limit, then ends; the next resumes from the last id it saw.
    const replayed: number[] = [];
    let lastEventId = '0';
    for (let connection = 0; replayed.length < inbox.length; connection += 1) {
      expect(connection).toBeLessThan(inbox.length);
      const stream = await open({ token: student.token, lastEventId });
      expect(stream.status).toBe(200);
      await stream.waitFor((received) => received.some((item) => item.kind === 'event' && item.event === 'unread'));
      const page = seqsOf(stream);
      expect(page.length).toBeLessThanOrEqual(CATCH_UP_LIMIT);
      if (replayed.length + page.length < inbox.length) await stream.ended;
      stream.close();
      replayed.push(...page);
      lastEventId = stream.lastEventId() ?? lastEventId;
    }
    // Later notifications of the journey may land while it replays: the replay is the inbox's
    // beginning, in order, each once, and covers at least what the inbox held before.
    const after = await api('GET', '/api/notifications?per_page=100', { token: student.token });
    const whole = (after.body.data as { seq: number }[]).map((notification) => notification.seq).sort((a, b) => a - b);
    expect(replayed.length).toBeGreaterThanOrEqual(inbox.length);
    expect(replayed).toEqual(whole.slice(0, replayed.length));
  });
});
